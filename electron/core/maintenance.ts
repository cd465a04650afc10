import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type {
  EndpointPort,
  EventPort,
  MaintenancePort,
  RetentionPlan,
  RetentionPolicy,
  SettingsPort,
} from './ports';
import {
  RETENTION_REPORT_KEY,
  type RetentionReport,
  isRetentionReport,
  retentionReport,
  sameOutcome,
} from './retention-report';
import { trustedStatuses } from './trust';

/** The ports housekeeping needs. */
export interface MaintenancePorts {
  events: EventPort;
  endpoints: EndpointPort;
  settings: SettingsPort;
  storage: MaintenancePort;
}

/** Housekeeping the leader runs and status shows: retention, log checkpoints, size, consistency. */
export class Maintenance {
  constructor(
    private readonly ports: MaintenancePorts,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Deletes endpoints that expired more than `graceMs` ago, with their events (the grace lets an agent
   * still read what arrived before the end). Returns the labels removed.
   */
  removeExpiredEndpoints(graceMs: number): string[] {
    const now = this.clock.now();
    const removed: string[] = [];
    for (const e of this.ports.endpoints.list()) {
      if (e.expiresAt === null || e.expiresAt + graceMs > now) continue;
      const events = this.ports.endpoints.delete(e.id, true);
      this.log.info(
        `removed endpoint "${e.label}" (expired ${new Date(e.expiresAt).toISOString()}) and ${events} event(s)`,
      );
      removed.push(e.label);
    }
    return removed;
  }

  /**
   * Applies the retention policy (trusted and untrusted events on separate budgets; pending trusted
   * events are never deleted) and publishes what it did for every status face. Returns the report.
   */
  enforceRetention(policy: RetentionPolicy): RetentionReport {
    const smallest = Math.min(policy.maxEventsPerEndpoint, policy.maxUntrustedPerEndpoint);
    const plans: RetentionPlan[] = [];
    for (const [endpointId, counts] of this.ports.events.counts()) {
      if (counts.total <= smallest && policy.maxAgeMs === null) continue;
      // Events of a deleted endpoint are trimmed as on an endpoint without a secret.
      plans.push({ endpointId, trusted: trustedStatuses(this.endpointTrust(endpointId)) });
    }
    const now = this.clock.now();
    const report = retentionReport(policy, this.ports.events.enforceRetention(policy, plans, now), now);
    const previous = this.retentionReport();
    if (!sameOutcome(previous, report)) {
      this.ports.settings.set(RETENTION_REPORT_KEY, report, 'runtime.changed');
      this.warnKept(previous, report);
    }
    if (report.deletedPending > 0)
      this.log.error(
        `retention deleted ${report.deletedPending} pending event(s) beyond ten times --keep ${report.keep}; ack events or give the endpoint a secret`,
      );
    return report;
  }

  /** The leader's last retention report, or null before the first run. */
  retentionReport(): RetentionReport | null {
    const value = this.ports.settings.get(RETENTION_REPORT_KEY);
    return isRetentionReport(value) ? value : null;
  }

  /** Starts background checkpoints of the store's log, if it keeps one. */
  startCheckpoints(): { stop(): Promise<void> } | null {
    return this.ports.storage.startCheckpoints();
  }

  /** Starts filling the search index behind the receiver (the leader runs it). */
  startIndexing(): { stop(): void } {
    return this.ports.storage.startIndexing();
  }

  /** Indexes every event not yet indexed, now; returns how many. */
  indexNow(): number {
    return this.ports.storage.indexNow();
  }

  /** Bytes the inbox takes on disk. */
  sizeOnDisk(): number {
    return this.ports.storage.sizeOnDisk();
  }

  /** "ok" when the storage is consistent. */
  integrityCheck(): string {
    return this.ports.storage.integrityCheck();
  }

  private endpointTrust(endpointId: string): { secretCount: number } | null {
    const endpoint = this.ports.endpoints.get(endpointId);
    return endpoint && { secretCount: endpoint.secrets.length };
  }

  private warnKept(previous: RetentionReport | null, report: RetentionReport): void {
    for (const { endpointId, count } of report.keptOverLimit) {
      const before = previous?.keptOverLimit.find((k) => k.endpointId === endpointId)?.count;
      if (before === count) continue;
      const label = this.ports.endpoints.get(endpointId)?.label ?? endpointId;
      this.log.warn(
        `retention kept ${count} pending event(s) of "${label}" beyond --keep ${report.keep} instead of deleting them (not acked yet, or still being forwarded); ack them or raise --keep`,
      );
    }
  }
}
