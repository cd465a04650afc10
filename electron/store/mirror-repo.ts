import type Database from 'better-sqlite3';
import type { RemoteEventState } from '../core/mirror-records';
import { verdictRecord } from '../core/verdict-record';

/** Rows the relay mirror writes beyond the usual ones: "is it stored?" and the relay's event state. */
export class MirrorRepo {
  private readonly existsStmt;
  private readonly stateStmt;
  private readonly forwardStmt;

  constructor(db: Database.Database) {
    this.existsStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?');
    // A relay claim is stored under a `relay:` session, so no local agent's session can match it;
    // without one, only a claim that came from the relay is cleared (local agents' claims stay).
    this.stateStmt = db.prepare(
      `UPDATE events SET acked_at = @acked_at, acked_by = @acked_by, ack_outcome = @ack_outcome, note = @note,
        verification_status = @status, verification = @verification,
        claimed_by = CASE WHEN @claim_session IS NOT NULL THEN @claimed_by
          WHEN claim_session LIKE 'relay:%' THEN NULL ELSE claimed_by END,
        claim_until = CASE WHEN @claim_session IS NOT NULL THEN @claim_until
          WHEN claim_session LIKE 'relay:%' THEN NULL ELSE claim_until END,
        claim_session = CASE WHEN @claim_session IS NOT NULL THEN @claim_session
          WHEN claim_session LIKE 'relay:%' THEN NULL ELSE claim_session END
       WHERE id = @id`,
    );
    // The relay's forward state, where the relay forwards the event (this desktop sends nothing for it).
    this.forwardStmt = db.prepare(
      `UPDATE events SET forward_stage = @stage, forward_attempts = @attempts, forward_next_at = @next_at,
         forward_reason = @reason WHERE id = @id`,
    );
  }

  /** True when an event with this id is stored. */
  hasEvent(id: string): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  /** Sets the event's ack, note, verdict, relay claim (and forward, where the relay forwards) to the relay's; false when absent. */
  setState(id: string, s: RemoteEventState): boolean {
    const v = s.verification;
    if (s.forward !== undefined)
      this.forwardStmt.run({
        id,
        stage: s.forward?.stage ?? null,
        attempts: s.forward?.attempts ?? 0,
        next_at: s.forward?.nextAttemptAt ?? null,
        reason: s.forward?.reason ?? null,
      });
    return (
      this.stateStmt.run({
        id,
        acked_at: s.ackedAt,
        acked_by: s.ackedBy,
        ack_outcome: s.ackOutcome,
        note: s.note,
        status: v.status,
        verification: verdictRecord(v),
        claimed_by: s.claim?.by ?? null,
        claim_session: s.claim ? (s.claimIsLocal ? s.claim.session : `relay:${s.claim.session}`) : null,
        claim_until: s.claim?.until ?? null,
      }).changes === 1
    );
  }
}
