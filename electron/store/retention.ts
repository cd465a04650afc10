import type Database from 'better-sqlite3';
import type { RetentionPlan, RetentionPolicy, RetentionResult } from '../core/ports';

// Deleting in bounded chunks keeps each write transaction short, so the receiver never waits long for the lock.
const CHUNK = 2_000;

/** Pending trusted events are kept beyond the budget up to this many times it (see RetentionResult). */
export const PENDING_CEILING = 10;

/** Deletes events (with their search rows and deliveries) by seq. */
export class EventDeleter {
  private readonly seqsOfEndpointStmt;
  private readonly countStmt;
  private readonly oldestStmt;
  private readonly olderThanStmt;
  private readonly deleteEventStmt;
  private readonly deleteFtsStmt;
  private readonly deletePartialStmt;
  private readonly deleteDeliveriesStmt;

  constructor(private readonly db: Database.Database) {
    this.seqsOfEndpointStmt = db.prepare<[string, number], { seq: number; id: string }>(
      'SELECT seq, id FROM events WHERE endpoint_id = ? ORDER BY seq LIMIT ?',
    );
    // `trusted` is a JSON array of verdicts; `side` 1 selects trusted events, 0 untrusted ones.
    const side = '(verification_status IN (SELECT value FROM json_each(@trusted))) = @side';
    this.countStmt = db.prepare<[Bind], { n: number }>(
      `SELECT count(*) AS n FROM events WHERE endpoint_id = @endpoint AND ${side}`,
    );
    // Untrusted events go oldest first whatever their state; trusted ones only once handled: acked,
    // and no auto-forward still open (deleting it would drop the forward silently) — but for the ceiling.
    const handled = `acked_at IS NOT NULL AND coalesce(forward_stage, '') NOT IN ('pending', 'delivering', 'retrying')`;
    this.oldestStmt = db.prepare<[Bind & { limit: number; pending: number }], { seq: number; id: string }>(
      `SELECT seq, id FROM events WHERE endpoint_id = @endpoint AND ${side}
         AND (@side = 0 OR @pending = 1 OR (${handled})) ORDER BY seq LIMIT @limit`,
    );
    this.olderThanStmt = db.prepare<[Bind & { before: number }], { seq: number; id: string }>(
      `SELECT seq, id FROM events WHERE endpoint_id = @endpoint AND ${side}
         AND (@side = 0 OR (${handled})) AND received_at < @before ORDER BY seq LIMIT ${CHUNK}`,
    );
    this.deleteEventStmt = db.prepare<[number]>('DELETE FROM events WHERE seq = ?');
    // Only indexed events have index rows; the indexer never reaches a deleted one.
    this.deleteFtsStmt = db.prepare<[number]>(
      'DELETE FROM search_fts WHERE rowid = ? AND rowid <= (SELECT indexed_to FROM search_state WHERE id = 1)',
    );
    this.deletePartialStmt = db.prepare<[number]>('DELETE FROM search_partial WHERE seq = ?');
    this.deleteDeliveriesStmt = db.prepare<[string]>('DELETE FROM deliveries WHERE event_id = ?');
  }

  private deleteRows(rows: { seq: number; id: string }[]): number {
    this.db
      .transaction(() => {
        for (const r of rows) {
          this.deleteEventStmt.run(r.seq);
          this.deleteFtsStmt.run(r.seq);
          this.deletePartialStmt.run(r.seq);
          this.deleteDeliveriesStmt.run(r.id);
        }
      })
      .immediate();
    return rows.length;
  }

  /** Deletes every event of one endpoint; returns how many. */
  purgeEndpoint(endpointId: string): number {
    let total = 0;
    for (;;) {
      const rows = this.seqsOfEndpointStmt.all(endpointId, CHUNK);
      if (rows.length === 0) return total;
      total += this.deleteRows(rows);
    }
  }

  /**
   * Applies the policy to the planned endpoints: untrusted events beyond their budget go oldest
   * first; trusted ones beyond theirs go oldest handled (acked, forward settled) first, and unhandled
   * trusted events are kept (counted in `keptOverLimit`) — junk can never push a real event out.
   */
  enforce(policy: RetentionPolicy, plans: RetentionPlan[], now: number): RetentionResult {
    const result: RetentionResult = { deleted: 0, deletedUntrusted: 0, deletedPending: 0, keptOverLimit: [] };
    for (const plan of plans) {
      const trusted = { endpoint: plan.endpointId, trusted: JSON.stringify(plan.trusted), side: 1 };
      const untrusted = { ...trusted, side: 0 };
      const junk = this.trimTo(untrusted, policy.maxUntrustedPerEndpoint, false);
      const real = this.trimTo(trusted, policy.maxEventsPerEndpoint, false);
      // The disk is finite: pending trusted events are kept beyond the budget only up to a ceiling.
      const ceiling = policy.maxEventsPerEndpoint * PENDING_CEILING;
      const pending = this.trimTo(trusted, ceiling, true);
      let aged = 0;
      if (policy.maxAgeMs !== null) {
        const before = now - policy.maxAgeMs;
        aged += this.deleteWhile(() => this.olderThanStmt.all({ ...untrusted, before }));
        aged += this.deleteWhile(() => this.olderThanStmt.all({ ...trusted, before }));
      }
      result.deleted += junk + real + pending + aged;
      result.deletedUntrusted += junk;
      result.deletedPending += pending;
      const over = (this.countStmt.get(trusted)?.n ?? 0) - policy.maxEventsPerEndpoint;
      if (over > 0) result.keptOverLimit.push({ endpointId: plan.endpointId, count: over });
    }
    return result;
  }

  /** Deletes the oldest deletable events of one side until at most `keep` remain (or none is deletable). */
  private trimTo(bind: Bind, keep: number, pendingToo: boolean): number {
    let excess = (this.countStmt.get(bind)?.n ?? 0) - keep;
    let total = 0;
    while (excess > 0) {
      const rows = this.oldestStmt.all({
        ...bind,
        limit: Math.min(excess, CHUNK),
        pending: pendingToo ? 1 : 0,
      });
      if (rows.length === 0) break;
      total += this.deleteRows(rows);
      excess -= rows.length;
    }
    return total;
  }

  private deleteWhile(next: () => { seq: number; id: string }[]): number {
    let total = 0;
    for (let rows = next(); rows.length > 0; rows = next()) total += this.deleteRows(rows);
    return total;
  }
}

/** Statement parameters naming one endpoint's trusted or untrusted side. */
interface Bind {
  endpoint: string;
  trusted: string;
  side: number;
}
