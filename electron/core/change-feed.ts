import type { Change } from '../../shared/changes';
import type { ChangeLog } from '../store/change-log';

/** Something that wants to hear about changes. */
export type ChangeListener = (change: Change) => void;

/** How often the change log is read for writes made by other processes. */
export const FEED_INTERVAL_MS = 25;

/**
 * The change feed: tails the shared change log, so a listener hears of every write —
 * this process's (at once, via poke) and other processes' (within one interval).
 */
export class ChangeFeed {
  private lastId: number;
  private readonly listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: ChangeLog,
    private readonly intervalMs = FEED_INTERVAL_MS,
  ) {
    this.lastId = log.latest();
  }

  /** Starts polling; the timer does not keep the process alive. */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => this.poke(), this.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest change id seen (a cursor for "what happened since"). */
  get position(): number {
    return this.lastId;
  }

  /** Reads new changes now and tells every listener; call right after a local write. */
  poke(): void {
    for (;;) {
      let batch: Change[];
      try {
        batch = this.log.since(this.lastId);
      } catch (error) {
        // A locked or closing database: try again next tick rather than crash the process.
        if (isClosed(error)) this.stop();
        return;
      }
      if (batch.length === 0) return;
      for (const change of batch) {
        this.lastId = change.id;
        for (const listener of this.listeners) {
          try {
            listener(change);
          } catch (error) {
            console.error('[hookline] change listener failed:', error);
          }
        }
      }
    }
  }
}

function isClosed(error: unknown): boolean {
  return error instanceof TypeError && /database connection is not open/i.test(error.message);
}
