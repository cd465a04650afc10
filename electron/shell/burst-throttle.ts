/** Timer functions, injectable so tests drive time. */
export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Leading-and-trailing throttle for notifications: the first item after a quiet period is
 * flushed at once, items arriving within `windowMs` are collected and flushed together when the
 * window ends — so a burst of 200 webhooks is one "200 new webhooks", not 200 toasts.
 */
export class BurstThrottle<T> {
  private pending: T[] = [];
  private timer: unknown = null;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly windowMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Adds an item; flushes now if the throttle is idle. */
  add(item: T): void {
    if (this.timer !== null) {
      this.pending.push(item);
      return;
    }
    this.flush([item]);
    this.arm();
  }

  /** Drops anything collected and stops the timer. */
  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private arm() {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.pending.length === 0) return;
      const items = this.pending;
      this.pending = [];
      this.flush(items);
      this.arm();
    }, this.windowMs);
  }
}
