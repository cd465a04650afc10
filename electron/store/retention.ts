import type Database from 'better-sqlite3';
import type { RetentionPolicy } from '../core/ports';

// Deleting in bounded chunks keeps each write transaction short, so the receiver never waits long for the lock.
const CHUNK = 2_000;

/** Deletes events (with their search rows and deliveries) by seq. */
export class EventDeleter {
  private readonly seqsOfEndpointStmt;
  private readonly overflowStmt;
  private readonly olderThanStmt;
  private readonly deleteEventStmt;
  private readonly deleteFtsStmt;
  private readonly deletePartialStmt;
  private readonly deleteDeliveriesStmt;

  constructor(private readonly db: Database.Database) {
    this.seqsOfEndpointStmt = db.prepare<[string, number], { seq: number; id: string }>(
      'SELECT seq, id FROM events WHERE endpoint_id = ? ORDER BY seq LIMIT ?',
    );
    this.overflowStmt = db.prepare<[string, string, number], { seq: number; id: string }>(
      `SELECT seq, id FROM events WHERE endpoint_id = ? AND seq <= (
         SELECT seq FROM events WHERE endpoint_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?
       ) ORDER BY seq LIMIT ${CHUNK}`,
    );
    // The oldest events by seq (no time index: it cost every insert); the caller keeps those over age.
    this.olderThanStmt = db.prepare<[], { seq: number; id: string; received_at: number }>(
      `SELECT seq, id, received_at FROM events ORDER BY seq LIMIT ${CHUNK}`,
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

  /** Applies the policy to the given endpoints; returns how many events were deleted. */
  enforce(policy: RetentionPolicy, endpointIds: string[], now: number): number {
    let total = 0;
    for (const id of endpointIds) {
      for (;;) {
        const rows = this.overflowStmt.all(id, id, policy.maxEventsPerEndpoint);
        if (rows.length === 0) break;
        total += this.deleteRows(rows);
      }
    }
    if (policy.maxAgeMs !== null) {
      const cutoff = now - policy.maxAgeMs;
      for (;;) {
        // Events arrive in time order, so the old ones are a prefix by seq (an imported old event
        // received later is kept until the events before it are gone).
        const rows = this.olderThanStmt.all();
        const firstKept = rows.findIndex((r) => r.received_at >= cutoff);
        const old = firstKept === -1 ? rows : rows.slice(0, firstKept);
        if (old.length === 0) break;
        total += this.deleteRows(old);
      }
    }
    return total;
  }
}
