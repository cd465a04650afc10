import type Database from 'better-sqlite3';
import type { RemoteEventState } from '../core/mirror-records';

/** Rows the relay mirror writes beyond the usual ones: "is it stored?" and the relay's event state. */
export class MirrorRepo {
  private readonly existsStmt;
  private readonly stateStmt;

  constructor(db: Database.Database) {
    this.existsStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?');
    this.stateStmt = db.prepare<
      [number | null, string | null, string | null, string | null, string, string, string]
    >(
      `UPDATE events SET acked_at = ?, acked_by = ?, ack_outcome = ?, note = ?, verification_status = ?,
        verification = ? WHERE id = ?`,
    );
  }

  /** True when an event with this id is stored. */
  hasEvent(id: string): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  /** Sets the event's ack, note and verdict to the relay's (a remote ack keeps its actor and time); false when absent. */
  setState(id: string, s: RemoteEventState): boolean {
    const v = s.verification;
    return (
      this.stateStmt.run(s.ackedAt, s.ackedBy, s.ackOutcome, s.note, v.status, JSON.stringify(v), id)
        .changes === 1
    );
  }
}
