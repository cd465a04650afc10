import type { Change } from '../../shared/changes';
import type { Inbox } from '../core/inbox';

/** How a wait ended. */
export type WaitOutcome<T> = { reason: 'found'; value: T } | { reason: 'timeout' | 'aborted' };

/** What to wait for. */
export interface WaitSpec<T> {
  /** Looks for a result now; null means keep waiting. Never run twice at once. */
  check: () => T | null | Promise<T | null>;
  /** Whether a change may have produced a result (worth re-checking). */
  relevant: (change: Change) => boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called every `tickMs` while waiting (progress notifications). */
  onTick?: (elapsedMs: number) => void;
  tickMs?: number;
  /** Also check every this many ms: for what time alone changes (a claim lapsing writes nothing). */
  recheckMs?: number;
}

/**
 * Waits until `check` finds something. It listens to the change feed before the first check, so a
 * write landing between the check and the wait cannot be missed; the feed hears other processes'
 * writes within one interval (25 ms), which bounds how late a waiter wakes.
 */
export function waitForChange<T>(inbox: Inbox, spec: WaitSpec<T>): Promise<WaitOutcome<T>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let done = false;
    let scheduled = false;
    // One check at a time (a claiming check writes); a wait that ends during one lets it finish, so
    // what it claimed is returned rather than held by nobody.
    let checking = false;
    let again = false;
    let ending: WaitOutcome<T> | null = null;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: WaitOutcome<T> | Error) => {
      if (done) return;
      done = true;
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      spec.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const end = (outcome: WaitOutcome<T>) => {
      if (checking) ending ??= outcome;
      else finish(outcome);
    };
    const run = async () => {
      scheduled = false;
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        const value = await spec.check();
        checking = false;
        if (value !== null) finish({ reason: 'found', value });
        else if (ending) finish(ending);
        else if (again) {
          again = false;
          void run();
        }
      } catch (error) {
        checking = false;
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onAbort = () => end({ reason: 'aborted' });
    const unsubscribe = inbox.subscribe((change) => {
      // A burst of changes arrives in one feed tick: check once after it.
      if (!done && !scheduled && spec.relevant(change)) {
        scheduled = true;
        setImmediate(() => void run());
      }
    });
    if (spec.signal?.aborted) return finish({ reason: 'aborted' });
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => end({ reason: 'timeout' }), spec.timeoutMs));
    if (spec.recheckMs !== undefined) {
      const every = spec.recheckMs;
      const recheck = () => {
        if (done) return;
        void run();
        timers.push(setTimeout(recheck, every));
      };
      timers.push(setTimeout(recheck, every));
    }
    if (spec.onTick) {
      const tickMs = spec.tickMs ?? 1_000;
      const tick = () => {
        if (done) return;
        spec.onTick?.(Date.now() - started);
        timers.push(setTimeout(tick, tickMs));
      };
      timers.push(setTimeout(tick, tickMs));
    }
    void run();
  });
}
