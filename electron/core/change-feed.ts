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

  /**
   * Reads new changes now and tells every listener; call right after a local write. `written`: the
   * changes that write committed, when known — told without reading the log back (one read per
   * group commit was a tenth of the receiver's CPU) if they are exactly the next ones; otherwise
   * (another process wrote in between, a nested write) the log is read as usual.
   */
  poke(written: readonly Change[] = []): void {
    // A listener that writes triggers a nested poke; let the outer loop read on instead, so changes
    // are told in order and the position never moves backwards.
    if (this.poking) {
      this.again = true;
      return;
    }
    this.poking = true;
    try {
      let known = follows(written, this.lastId) ? written : null;
      do {
        this.again = false;
        if (known) this.tell(known);
        else this.drain();
        known = null;
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
      this.tell(batch);
    }
  }

  private tell(changes: readonly Change[]): void {
    for (const change of changes) {
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

/** True when `changes` are the very next ones after `position`, without a gap (one commit's, in order). */
function follows(changes: readonly Change[], position: number): boolean {
  if (changes.length === 0) return false;
  for (const [i, change] of changes.entries()) if (change.id !== position + 1 + i) return false;
  return true;
}

function isClosed(error: unknown): boolean {
  return error instanceof TypeError && /database connection is not open/i.test(error.message);
}
