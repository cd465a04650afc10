import type Database from 'better-sqlite3';
import type { RecordedDelivery } from '../core/ports';

/**
 * Replays made on other desktops and a relay's forward attempts, recorded whole (synced through a relay): `recorded_by` says who,
 * `request_truncated` whether the relay carried the request body cut.
 */
export class RecordedDeliveryRepo {
  private readonly recordStmt;
  private readonly sameStmt;
  private readonly eventExistsStmt;

  constructor(db: Database.Database) {
    this.recordStmt = db.prepare(
      `INSERT INTO deliveries (event_id, kind, target_url, attempt, started_at, duration_ms, request_method,
         request_headers, request_body, request_truncated, response_status, response_headers, response_body,
         response_truncated, error, recorded_by)
       VALUES (@event_id, @kind, @target_url, @attempt, @started_at, @duration_ms, @request_method, @request_headers,
         @request_body, @request_truncated, @response_status, @response_headers, @response_body,
         @response_truncated, @error, @recorded_by)`,
    );
    this.sameStmt = db.prepare<[string, number, string, string], { one: number }>(
      `SELECT 1 AS one FROM deliveries
       WHERE event_id = ? AND started_at = ? AND target_url = ? AND kind = ? LIMIT 1`,
    );
    this.eventExistsStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?');
  }

  /**
   * True when an attempt of this kind for this event that started at this ms to this target is
   * recorded: how a mirror knows an attempt it already has (its own replay coming back through the
   * relay; a page read again; the embedded relay noting each step of a forward).
   */
  hasAttempt(d: Pick<RecordedDelivery, 'eventId' | 'startedAt' | 'targetUrl' | 'kind'>): boolean {
    return this.sameStmt.get(d.eventId, d.startedAt, d.targetUrl, d.kind) !== undefined;
  }

  /** Records a whole attempt made elsewhere; null when its event is not stored. */
  record(d: RecordedDelivery): number | null {
    if (this.eventExistsStmt.get(d.eventId) === undefined) return null;
    const info = this.recordStmt.run({
      event_id: d.eventId,
      kind: d.kind,
      attempt: d.attempt ?? 1,
      target_url: d.targetUrl,
      started_at: d.startedAt,
      duration_ms: d.durationMs,
      request_method: d.request.method,
      request_headers: JSON.stringify(d.request.headers),
      request_body: d.request.body,
      request_truncated: d.request.truncated ? 1 : 0,
      response_status: d.response?.status ?? null,
      response_headers: d.response ? JSON.stringify(d.response.headers) : null,
      response_body: d.response?.body ?? null,
      response_truncated: d.response?.truncated ? 1 : 0,
      error: d.error,
      recorded_by: d.by,
    });
    return Number(info.lastInsertRowid);
  }
}
