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

/**
 * Recent events a previous leader accepted but never finished forwarding — it was killed between
 * the commit and the send, or mid-send — with the attempt number to use next.
 */
export function unfinishedForwards(store: Store, since: number): { eventId: string; attempt: number }[] {
  return store.db
    .prepare<[number], { id: string; attempts: number; settled: number }>(
      `SELECT e.id,
         (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id AND d.kind = 'forward') AS attempts,
         (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id AND d.kind = 'forward'
            AND (d.duration_ms IS NOT NULL OR d.next_attempt_at IS NOT NULL)) AS settled
       FROM events e JOIN endpoints p ON p.id = e.endpoint_id
       WHERE p.forward_url IS NOT NULL AND e.received_at >= ?
       ORDER BY e.seq`,
    )
    .all(since)
    .filter((r) => r.attempts === 0 || r.settled < r.attempts)
    .map((r) => ({ eventId: r.id, attempt: r.attempts + 1 }));
}
