import type { Clock } from '../base/clock';
import type { EventPort, MaintenancePort, RetentionPolicy } from './ports';

/** Housekeeping the leader runs and status shows: retention, log checkpoints, size, consistency. */
export class Maintenance {
  constructor(
    private readonly events: EventPort,
    private readonly storage: MaintenancePort,
    private readonly clock: Clock,
  ) {}

  /** Applies the retention policy; returns how many events were deleted. */
  enforceRetention(policy: RetentionPolicy): number {
    return this.events.enforceRetention(policy, this.clock.now());
  }

  /** Starts background checkpoints of the store's log, if it keeps one. */
  startCheckpoints(): { stop(): Promise<void> } | null {
    return this.storage.startCheckpoints();
  }

  /** Starts filling the search index behind the receiver (the leader runs it). */
  startIndexing(): { stop(): void } {
    return this.storage.startIndexing();
  }

  /** Indexes every event not yet indexed, now; returns how many. */
  indexNow(): number {
    return this.storage.indexNow();
  }

  /** Bytes the inbox takes on disk. */
  sizeOnDisk(): number {
    return this.storage.sizeOnDisk();
  }

  /** "ok" when the storage is consistent. */
  integrityCheck(): string {
    return this.storage.integrityCheck();
  }
}
