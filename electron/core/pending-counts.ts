import type { Endpoint, VerificationStatus } from '../../shared/types';
import type { Inbox } from './inbox';
import type { PendingByStatus } from './ports';
import { trustedStatuses } from './trust';

/** Pending events of one endpoint, split by whether agents get them by default. */
export interface PendingTally {
  pending: number;
  quarantined: number;
}

/**
 * Pending counts per endpoint and verdict, cached: counting by verdict reads every pending row, so
 * polls of a large inbox must not repeat it. New events are added as the change feed reports them;
 * any other write to an endpoint's events (ack, re-verify, delete) drops its counts for a recount.
 */
export class PendingCounts {
  private readonly cache = new Map<string, PendingByStatus>();
  private readonly unsubscribe: () => void;

  constructor(private readonly inbox: Inbox) {
    this.unsubscribe = inbox.subscribe((change) => {
      if (!change.kind.startsWith('event') && change.kind !== 'endpoint.changed') return;
      const cached = change.endpointId ? this.cache.get(change.endpointId) : undefined;
      if (change.kind === 'event.created' && cached && change.ref) {
        if (change.id <= cached.asOf) return; // already in the count
        const event = inbox.eventSummary(change.ref);
        if (event && event.ackedAt === null) {
          const status = event.verification.status;
          cached.byStatus.set(status, (cached.byStatus.get(status) ?? 0) + 1);
          cached.asOf = change.id;
          return;
        }
      }
      if (change.endpointId) this.cache.delete(change.endpointId);
      else this.cache.clear();
    });
  }

  private byStatus(endpointId: string): Map<VerificationStatus, number> {
    let cached = this.cache.get(endpointId);
    if (!cached) {
      // The counts and the change position come from one snapshot, so a created event is counted
      // either here or by the feed listener, never twice.
      cached = this.inbox.pendingByStatus(endpointId);
      this.cache.set(endpointId, cached);
    }
    return cached.byStatus;
  }

  /** Trusted and quarantined pending counts for one endpoint. */
  tally(endpoint: Endpoint): PendingTally {
    // Hear writes made by other processes since the last feed tick, so counts match what a query sees now.
    this.inbox.catchUp();
    const trusted = new Set<VerificationStatus>(trustedStatuses(endpoint));
    const out: PendingTally = { pending: 0, quarantined: 0 };
    for (const [status, n] of this.byStatus(endpoint.id)) {
      if (trusted.has(status)) out.pending += n;
      else out.quarantined += n;
    }
    return out;
  }

  /** The sum over several endpoints. */
  total(endpoints: Endpoint[]): PendingTally {
    const out: PendingTally = { pending: 0, quarantined: 0 };
    for (const e of endpoints) {
      const t = this.tally(e);
      out.pending += t.pending;
      out.quarantined += t.quarantined;
    }
    return out;
  }

  /** Stops listening to the feed. */
  close(): void {
    this.unsubscribe();
  }
}
