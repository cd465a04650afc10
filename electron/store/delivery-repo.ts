import type Database from 'better-sqlite3';
import type { Delivery, HeaderPair } from '../../shared/types';
import type { DeliveryOutcome, NewDelivery, UnfinishedForward } from '../core/ports';
import { readHeaders } from './json-columns';

interface DeliveryRow {
  id: number;
  event_id: string;
  kind: string;
  target_url: string;
  attempt: number;
  started_at: number;
  duration_ms: number | null;
  request_method: string;
  request_headers: string;
  request_body: Buffer;
  response_status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
  error: string | null;
  next_attempt_at: number | null;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    eventId: r.event_id,
    kind: r.kind === 'forward' ? 'forward' : 'replay',
    targetUrl: r.target_url,
    attempt: r.attempt,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    request: { method: r.request_method, headers: readHeaders(r.request_headers), body: r.request_body },
    response:
      r.response_status === null
        ? null
        : {
            status: r.response_status,
            headers: readHeaders(r.response_headers ?? '[]'),
            body: r.response_body ?? Buffer.alloc(0),
            truncated: r.response_truncated === 1,
          },
    error: r.error,
    nextAttemptAt: r.next_attempt_at,
  };
}

/** Delivery attempt rows (replays and forwards). */
export class DeliveryRepo {
  private readonly insertStmt;
  private readonly finishStmt;
  private readonly byEventStmt;
  private readonly byIdStmt;
  private readonly scheduledStmt;
  private readonly unfinishedStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO deliveries (event_id, kind, target_url, attempt, started_at, request_method, request_headers, request_body)
       VALUES (@event_id, @kind, @target_url, @attempt, @started_at, @request_method, @request_headers, @request_body)`,
    );
    this.finishStmt = db.prepare(
      `UPDATE deliveries SET duration_ms = @duration_ms, response_status = @response_status,
         response_headers = @response_headers, response_body = @response_body,
         response_truncated = @response_truncated, error = @error, next_attempt_at = @next_attempt_at
       WHERE id = @id`,
    );
    this.byEventStmt = db.prepare<[string], DeliveryRow>(
      'SELECT * FROM deliveries WHERE event_id = ? ORDER BY id',
    );
    this.byIdStmt = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?');
    this.scheduledStmt = db.prepare<[], DeliveryRow>(
      `SELECT * FROM deliveries WHERE kind = 'forward' AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at, id`,
    );
    // Events arrive in time order: the window starts after the newest event older than `since`, found
    // by reading back from the newest seq (there is no time index: it cost every insert).
    this.unfinishedStmt = db.prepare<[number, number], { id: string; attempts: number; settled: number }>(
      `SELECT e.id,
         (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id AND d.kind = 'forward') AS attempts,
         (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id AND d.kind = 'forward'
            AND (d.duration_ms IS NOT NULL OR d.next_attempt_at IS NOT NULL)) AS settled
       FROM events e JOIN endpoints p ON p.id = e.endpoint_id
       WHERE p.forward_url IS NOT NULL AND e.received_at >= ?
         AND e.seq > coalesce((SELECT seq FROM events WHERE received_at < ? ORDER BY seq DESC LIMIT 1), 0)
       ORDER BY e.seq`,
    );
  }

  /** Records the start of an attempt; returns its id. */
  start(d: NewDelivery): number {
    const info = this.insertStmt.run({
      event_id: d.eventId,
      kind: d.kind,
      target_url: d.targetUrl,
      attempt: d.attempt,
      started_at: d.startedAt,
      request_method: d.request.method,
      request_headers: JSON.stringify(d.request.headers),
      request_body: d.request.body,
    });
    return Number(info.lastInsertRowid);
  }

  /** Records how an attempt ended. */
  finish(id: number, o: DeliveryOutcome): void {
    this.finishStmt.run({
      id,
      duration_ms: o.durationMs,
      response_status: o.response?.status ?? null,
      response_headers: o.response ? JSON.stringify(o.response.headers) : null,
      response_body: o.response?.body ?? null,
      response_truncated: o.response?.truncated ? 1 : 0,
      error: o.error,
      next_attempt_at: o.nextAttemptAt,
    });
  }

  /** All attempts for one event, oldest first. */
  forEvent(eventId: string): Delivery[] {
    return this.byEventStmt.all(eventId).map(toDelivery);
  }

  /** One attempt, or null. */
  get(id: number): Delivery | null {
    const row = this.byIdStmt.get(id);
    return row ? toDelivery(row) : null;
  }

  /**
   * Forward attempts whose retry is still scheduled (`next_attempt_at` set), oldest first — what a
   * leader that starts up resumes, since the one that scheduled them may have exited or crashed.
   */
  scheduledRetries(): Delivery[] {
    return this.scheduledStmt.all().map(toDelivery);
  }

  /**
   * Recent events a previous leader accepted but never finished forwarding — it was killed between
   * the commit and the send, or mid-send — with the attempt number to use next.
   */
  unfinishedForwards(since: number): UnfinishedForward[] {
    return this.unfinishedStmt
      .all(since, since)
      .filter((r) => r.attempts === 0 || r.settled < r.attempts)
      .map((r) => ({ eventId: r.id, attempt: r.attempts + 1 }));
  }
}
