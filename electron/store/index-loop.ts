import type { Logger } from '../base/logger';
import type { SearchIndexer } from './search-index';

// Work at most this long per slice, then leave the thread to the receiver for at least PAUSE_MS:
// about a fifth of one core at most, which indexes a few thousand events per second — more than a
// sustained 1,000/s.
const SLICE_MS = 4;
const PAUSE_MS = 16;
// During a burst (events arriving faster than this) the receiver gets nearly all of the thread: the
// index falls behind (search reads the unindexed events directly meanwhile) and catches up after.
const BURST_PER_SECOND = 3_000;
const BURST_SLICE_MS = 2;
const BURST_PAUSE_MS = 200;
// How often a caught-up indexer looks for new events (also those other processes wrote).
const IDLE_MS = 100;
// A backlog that lasted this long was worth a note ("indexing N events…"): say when it is gone.
const ANNOUNCE_AFTER_MS = 1_000;

/**
 * Runs the indexer in slices on this thread until stopped; errors are logged and retried.
 * `announceCaughtUp` is called when a backlog that lasted a while is gone.
 */
export function startIndexLoop(
  indexer: SearchIndexer,
  log: Logger,
  announceCaughtUp: () => void,
): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let behindSince: number | null = null;
  let lastNewest = indexer.newest();
  let lastAt = performance.now();
  const tick = () => {
    timer = null;
    if (stopped) return;
    let next = IDLE_MS;
    try {
      const now = performance.now();
      const newest = indexer.newest();
      const rate = ((newest - lastNewest) * 1000) / Math.max(1, now - lastAt);
      [lastNewest, lastAt] = [newest, now];
      const burst = rate > BURST_PER_SECOND;
      if (indexer.step(burst ? BURST_SLICE_MS : SLICE_MS) > 0) {
        next = burst ? BURST_PAUSE_MS : PAUSE_MS;
        behindSince ??= now;
      } else if (behindSince !== null) {
        if (now - behindSince > ANNOUNCE_AFTER_MS) announceCaughtUp();
        behindSince = null;
      }
    } catch (error) {
      // Busy (another process holds the lock) or closing: the next tick tries again.
      log.warn('search indexing paused', { error });
      next = IDLE_MS * 10;
    }
    if (!stopped) {
      timer = setTimeout(tick, next);
      timer.unref();
    }
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
