import type { Inbox } from '../core/inbox';
import type { CheckRunner } from './check-runner';

// A batch: bounded in count and in body bytes copied to the worker at once.
const BATCH_EVENTS = 256;
const BATCH_BYTES = 4 * 1024 * 1024;
// Between batches the receiver's thread is left alone for a while: reading a batch and storing its
// results are the only work done there (the checks run in the worker).
const PAUSE_MS = 16;
// During a burst (changes arriving faster than this) the receiver gets nearly all of the thread:
// small batches, long pauses; the checks fall behind and catch up after, as search indexing does.
const BURST_PER_SECOND = 3_000;
const BURST_BATCH_EVENTS = 32;
const BURST_PAUSE_MS = 200;
// How often a caught-up checker looks for new events (also those other processes wrote).
const IDLE_MS = 100;
// After a failure (busy database, closing), wait longer before trying again.
const RETRY_MS = 1_000;

/**
 * Checks stored events against their schemas behind the receiver until stopped: reads a batch
 * (re-checks first), has the runner check it, stores the outcomes with the cursor. Resumable: the
 * cursor lives with the results, so a restart goes on where the last stored batch ended.
 */
export function startCheckLoop(inbox: Inbox, runner: CheckRunner): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastPosition = inbox.changePosition;
  let lastAt = performance.now();
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = tick();
    }, ms);
    timer.unref();
  };
  const tick = async () => {
    let next = IDLE_MS;
    try {
      const now = performance.now();
      const position = inbox.changePosition;
      const burst = ((position - lastPosition) * 1000) / Math.max(1, now - lastAt) > BURST_PER_SECOND;
      [lastPosition, lastAt] = [position, now];
      const batch = inbox.schemas.nextChecks(burst ? BURST_BATCH_EVENTS : BATCH_EVENTS, BATCH_BYTES);
      if (batch) {
        // Nothing to check (only events no schema applies to): just move the cursor past them.
        const outcomes = batch.events.length === 0 ? [] : await runner.run(batch);
        if (stopped) return;
        inbox.schemas.storeChecks(batch, outcomes);
        next = burst ? BURST_PAUSE_MS : PAUSE_MS;
      }
    } catch (error) {
      if (stopped) return;
      inbox.log.warn('schema checking paused', { error });
      next = RETRY_MS;
    }
    schedule(next);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await runner.close();
    },
  };
}
