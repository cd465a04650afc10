import type { RelayFeedPage, RelayStore } from '../core/relay-ports';
import { ApiError } from './http';
import { FEED_LIMITS } from './wire';

// Read the feed again at least this often while waiting: a doorbell can be missed (PostgreSQL
// notifications are not guaranteed), and a missed one must cost latency, never the wake-up.
const RECHECK_MS = 5_000;

/** What a long-poll waits with. */
export interface FeedWait {
  after: number;
  limit: number;
  waitMs: number;
  /** Resolves when the wait should end early (client gone, server draining). */
  cancelled: Promise<void>;
}

/**
 * A feed page after `after`; when there is none yet, waits up to `waitMs` for one, woken by the
 * store's doorbell. Fails with 410 `cursor_expired` when retention trimmed items the reader has
 * not seen (checked after the first read: trimming only takes the oldest, so a floor read after
 * the page proves the page itself lost nothing), and 410 `cursor_ahead` for a cursor past the end.
 */
export async function waitForFeed(store: RelayStore, wait: FeedWait): Promise<RelayFeedPage> {
  let wake: () => void = () => undefined;
  let rung = false;
  // Subscribe before the first read: a commit between the read and the subscription would
  // otherwise go unheard until the wait ran out.
  const stop = store.onChange(() => {
    rung = true;
    wake();
  });
  let cancelled = false;
  void wait.cancelled.then(() => {
    cancelled = true;
    wake();
  });
  try {
    const deadline = Date.now() + wait.waitMs;
    let cursor = wait.after;
    let first = true;
    for (;;) {
      rung = false;
      const page = await store.feed(cursor, wait.limit, FEED_LIMITS.maxBytes);
      if (first) {
        first = false;
        if (page.items.length === 0 && wait.after > 0) {
          // A cursor past the end was handed out by another relay, or by this one before its store
          // was reset: waiting would never deliver anything, so say so.
          const head = await store.feedHead();
          if (wait.after > head)
            throw new ApiError(
              410,
              'cursor_ahead',
              `This relay's feed ends at ${head}, before the cursor ${wait.after}: the cursor comes from another relay or from before this one was reset; mirror again from after=0`,
              { head },
            );
        }
        const floor = await store.feedFloor();
        if (wait.after < floor)
          throw new ApiError(
            410,
            'cursor_expired',
            `The relay no longer holds feed items after ${wait.after} (retention trimmed up to ${floor}); resume from after=${floor}, knowing what came before is gone`,
            { oldest: floor + 1 },
          );
      }
      const left = deadline - Date.now();
      if (page.items.length > 0 || page.hasMore || left <= 0 || cancelled) return page;
      cursor = page.next;
      if (rung) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, RECHECK_MS));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => undefined;
    }
  } finally {
    stop();
  }
}
