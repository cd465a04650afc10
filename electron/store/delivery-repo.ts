import type Database from 'better-sqlite3';
import type { Delivery, ForwardSummary } from '../../shared/types';
import type { AttemptPage, DeliveryOutcome, ForwardTally, NewDelivery, OpenForward } from '../core/ports';
import { type ForwardColumns, readForward } from './event-rows';
import { readHeaders } from './json-columns';

interface OpenRow extends ForwardColumns {
  id: string;
  endpoint_id: string;
  received_at: number;
}

function toOpenForward(r: OpenRow): OpenForward | null {
  const state = readForward(r);
  return state && { eventId: r.id, endpointId: r.endpoint_id, receivedAt: r.received_at, state };
}

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
  recorded_by: string | null;
  request_truncated: number;
}

type AttemptRow = Pick<
  DeliveryRow,
  | 'id'
  | 'kind'
  | 'target_url'
  | 'attempt'
  | 'started_at'
  | 'duration_ms'
  | 'response_status'
  | 'error'
  | 'next_attempt_at'
>;

type LastForwardRow = Pick<
  DeliveryRow,
  'event_id' | 'attempt' | 'duration_ms' | 'response_status' | 'error' | 'next_attempt_at'
>;

// The last forward attempt of `events` row, and SQL conditions on it matching lastForwards' states.
const LAST_FORWARD = `(SELECT %s FROM deliveries d WHERE d.event_id = events.id AND d.kind = 'forward' ORDER BY d.id DESC LIMIT 1)`;
const OK = 'coalesce(d.response_status BETWEEN 200 AND 299, 0)';

/**
 * A WHERE term selecting events by the outcome of their last forward attempt — the same states the
 * list's badge shows (lastForwards) — ('none': never attempted).
 */
export const FORWARD_STATE_SQL: Record<ForwardSummary['state'] | 'none', string> = {
  none: `NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id AND d.kind = 'forward')`,
  delivered: `${LAST_FORWARD.replace('%s', OK)} = 1`,
  retrying: `${LAST_FORWARD.replace('%s', `NOT ${OK} AND (d.next_attempt_at IS NOT NULL OR d.duration_ms IS NULL)`)} = 1`,
  failed: `${LAST_FORWARD.replace('%s', `NOT ${OK} AND d.next_attempt_at IS NULL AND d.duration_ms IS NOT NULL`)} = 1`,
};

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    eventId: r.event_id,
    kind: r.kind === 'forward' ? 'forward' : 'replay',
    targetUrl: r.target_url,
    attempt: r.attempt,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    request: {
      method: r.request_method,
      headers: readHeaders(r.request_headers),
      body: r.request_body,
      truncated: r.request_truncated === 1,
    },
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
    by: r.recorded_by,
  };
}

/** Delivery attempt rows (replays and forwards). */
export class DeliveryRepo {
  private readonly insertStmt;
  private readonly finishStmt;
  private readonly byEventStmt;
  private readonly byIdStmt;
  private readonly lastForwardsStmt;
  private readonly attemptsStmt;
  private readonly attemptCountStmt;
  private readonly openStmt;
  private readonly forwardStartedStmt;
  private readonly forwardSettledStmt;
  private readonly giveUpStmt;
  private readonly tallyStmt;
  private readonly forwardHereStmt;

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
    this.forwardHereStmt = db.prepare<[string], { here: number | null }>(
      'SELECT forward_here AS here FROM events WHERE id = ?',
    );
    this.openStmt = db.prepare<[], OpenRow>(
      `SELECT id, endpoint_id, received_at, forward_stage, forward_attempts, forward_next_at, forward_reason
       FROM events WHERE forward_stage IN ('pending', 'delivering', 'retrying') ORDER BY seq`,
    );
    this.forwardStartedStmt = db.prepare<[number, string]>(
      `UPDATE events SET forward_stage = 'delivering', forward_attempts = ?, forward_next_at = NULL
       WHERE id = ? AND forward_stage IS NOT NULL`,
    );
    this.forwardSettledStmt = db.prepare<[string, number | null, string | null, string]>(
      `UPDATE events SET forward_stage = ?, forward_next_at = ?, forward_reason = ?
       WHERE id = ? AND forward_stage IS NOT NULL`,
    );
    this.giveUpStmt = db.prepare<[string, string]>(
      `UPDATE events SET forward_stage = 'gave_up', forward_next_at = NULL, forward_reason = ?
       WHERE id = ? AND forward_stage IN ('pending', 'delivering', 'retrying')`,
    );
    this.tallyStmt = db.prepare<[], { open: number; gave_up: number }>(
      `SELECT (SELECT count(*) FROM events WHERE forward_stage IN ('pending', 'delivering', 'retrying')) AS open,
              (SELECT count(*) FROM events WHERE forward_stage = 'gave_up') AS gave_up`,
    );
    // The ids travel as one JSON array, so one prepared statement serves a page of any size.
    this.attemptsStmt = db.prepare<[string, number], AttemptRow>(
      `SELECT id, kind, target_url, attempt, started_at, duration_ms, response_status, error, next_attempt_at
       FROM deliveries WHERE event_id = ? ORDER BY id DESC LIMIT ?`,
    );
    this.attemptCountStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM deliveries WHERE event_id = ?',
    );
    this.lastForwardsStmt = db.prepare<[string], LastForwardRow>(
      `SELECT event_id, attempt, duration_ms, response_status, error, next_attempt_at FROM deliveries
       WHERE id IN (SELECT max(id) FROM deliveries WHERE kind = 'forward'
                    AND event_id IN (SELECT value FROM json_each(?)) GROUP BY event_id)`,
    );
  }

  /** The last forward attempt of each of these events, as a summary (events never forwarded are absent). */
  lastForwards(eventIds: string[]): Map<string, ForwardSummary> {
    const out = new Map<string, ForwardSummary>();
    if (eventIds.length === 0) return out;
    for (const r of this.lastForwardsStmt.all(JSON.stringify(eventIds))) {
      const ok = r.response_status !== null && r.response_status >= 200 && r.response_status < 300;
      const state = ok
        ? 'delivered'
        : r.next_attempt_at !== null || r.duration_ms === null
          ? 'retrying'
          : 'failed';
      out.set(r.event_id, {
        state,
        attempts: r.attempt,
        status: r.response_status,
        error: r.error,
        nextAttemptAt: r.next_attempt_at,
      });
    }
    return out;
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
    if (d.kind === 'forward') this.forwardStartedStmt.run(d.attempt, d.eventId);
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
    const eventId = o.forward ? this.get(id)?.eventId : undefined;
    if (o.forward && eventId) {
      const next = o.forward.stage === 'retrying' ? o.nextAttemptAt : null;
      this.forwardSettledStmt.run(o.forward.stage, next, o.forward.reason, eventId);
    }
  }

  /** All attempts for one event, oldest first. */
  forEvent(eventId: string): Delivery[] {
    return this.byEventStmt.all(eventId).map(toDelivery);
  }

  /** The newest `limit` attempts for one event, without bodies, and their total. */
  attemptsForEvent(eventId: string, limit: number): AttemptPage {
    const attempts = this.attemptsStmt.all(eventId, limit).map((r) => ({
      id: r.id,
      kind: r.kind === 'replay' ? ('replay' as const) : ('forward' as const),
      targetUrl: r.target_url,
      attempt: r.attempt,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      status: r.response_status,
      error: r.error,
      nextAttemptAt: r.next_attempt_at,
    }));
    const total = attempts.length < limit ? attempts.length : (this.attemptCountStmt.get(eventId)?.n ?? 0);
    return { total, attempts };
  }

  /** One attempt, or null. */
  get(id: number): Delivery | null {
    const row = this.byIdStmt.get(id);
    return row ? toDelivery(row) : null;
  }

  /** Events whose auto-forward is open (pending, being sent, waiting for a retry), oldest first. */
  openForwards(): OpenForward[] {
    return this.openStmt.all().flatMap((r) => toOpenForward(r) ?? []);
  }

  /** True when this desktop sends the event's forward though a relay forwards its endpoint (schema.ts, forward_here). */
  forwardsHere(eventId: string): boolean {
    return this.forwardHereStmt.get(eventId)?.here === 1;
  }

  /** Marks an open forward given up; false when it was not open. */
  giveUpForward(eventId: string, reason: string): boolean {
    return this.giveUpStmt.run(reason, eventId).changes === 1;
  }

  /** Open and given-up auto-forwards. */
  forwardTally(): ForwardTally {
    const row = this.tallyStmt.get();
    return { open: row?.open ?? 0, gaveUp: row?.gave_up ?? 0 };
  }
}
