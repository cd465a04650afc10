import type { Change } from '../../shared/changes';
import type { Inbox } from '../core/inbox';

/** How a wait ended. */
export type WaitOutcome<T> = { reason: 'found'; value: T } | { reason: 'timeout' | 'aborted' };

/** What to wait for. */
export interface WaitSpec<T> {
  /** Looks for a result now; null means keep waiting. */
  check: () => T | null;
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
    const run = () => {
      scheduled = false;
      if (done) return;
      try {
        const value = spec.check();
        if (value !== null) finish({ reason: 'found', value });
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onAbort = () => finish({ reason: 'aborted' });
    const unsubscribe = inbox.subscribe((change) => {
      // A burst of changes arrives in one feed tick: check once after it.
      if (!done && !scheduled && spec.relevant(change)) {
        scheduled = true;
        setImmediate(run);
      }
    });
    if (spec.signal?.aborted) return finish({ reason: 'aborted' });
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => finish({ reason: 'timeout' }), spec.timeoutMs));
    if (spec.recheckMs !== undefined) {
      const every = spec.recheckMs;
      const recheck = () => {
        if (done) return;
        run();
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
    run();
  });
}
