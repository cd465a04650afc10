import type { Change } from '../../shared/changes';
import { type Logger, silentLogger } from '../base/logger';
import type { ChangeSource } from './ports';

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
  private poking = false;
  private again = false;

  constructor(
    private readonly log: Pick<ChangeSource, 'since' | 'latest'>,
    private readonly logger: Logger = silentLogger,
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
    // A listener that writes triggers a nested poke; let the outer loop read on instead, so changes
    // are told in order and the position never moves backwards.
    if (this.poking) {
      this.again = true;
      return;
    }
    this.poking = true;
    try {
      do {
        this.again = false;
        this.drain();
      } while (this.again);
    } finally {
      this.poking = false;
    }
  }

  private drain(): void {
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
            this.logger.error('a change listener failed', { error });
          }
        }
      }
    }
  }
}

function isClosed(error: unknown): boolean {
  return error instanceof TypeError && /database connection is not open/i.test(error.message);
}
