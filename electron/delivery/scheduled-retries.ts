import type { Delivery } from '../../shared/types';
import type { Store } from '../store/store';

/**
 * Forward attempts whose retry is still scheduled (`next_attempt_at` set), oldest first — what a
 * leader that starts up resumes, since the one that scheduled them may have exited or crashed.
 */
export function scheduledRetries(store: Store): Delivery[] {
  const ids = store.db
    .prepare<[], { id: number }>(
      `SELECT id FROM deliveries WHERE kind = 'forward' AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at, id`,
    )
    .all();
  return ids.map((row) => store.deliveries.get(row.id)).filter((d): d is Delivery => d !== null);
}
