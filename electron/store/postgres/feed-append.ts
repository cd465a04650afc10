import type pg from 'pg';
import type { RelayFeedItem } from '../../core/relay-ports';
import { CHANGE_CHANNEL, FEED_LOCK } from './locks';

/** One feed row to append: an event created or changed, or an endpoint changed. */
export interface FeedEntry {
  kind: RelayFeedItem['kind'];
  at: number;
  eventId: string | null;
  endpointId: string | null;
  /** For `delivery.recorded`: the relay_deliveries row. */
  deliveryId?: number | null;
}

/**
 * Appends feed rows as the last step of a writing transaction, and rings the doorbell.
 *
 * Why the lock: a sequence hands out ids in the order transactions ask, not the order they commit,
 * so without it a reader could pass id 12 (committed) while id 11 (still open) appears later. Taking
 * FEED_LOCK before the ids are handed out and holding it to COMMIT (transaction-scoped locks are
 * released only after the commit is visible) makes ids visible in commit order across every relay
 * process. Callers do their other writes first, so the lock is held only for this and the COMMIT.
 */
export async function appendFeed(client: pg.PoolClient, entries: FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // One statement, one round trip inside the locked section. The lock's CTE yields the one row every
  // output row is joined with, and volatile select-list functions run after ORDER BY: nextval() is
  // called only once the lock is held, and in the entries' order.
  await client.query(
    `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${FEED_LOCK})),
     added AS (
       INSERT INTO relay_feed (id, kind, at, event_id, endpoint_id, delivery_id)
       SELECT nextval('relay_feed_id_seq'), u.kind, u.at, u.event_id, u.endpoint_id, u.delivery_id
       FROM locked, unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS u(kind, at, event_id, endpoint_id, delivery_id, ord)
       ORDER BY u.ord
       RETURNING id)
     SELECT pg_notify('${CHANGE_CHANNEL}', max(id)::text) FROM added`,
    [
      entries.map((e) => e.kind),
      entries.map((e) => e.at),
      entries.map((e) => e.eventId),
      entries.map((e) => e.endpointId),
      entries.map((e) => e.deliveryId ?? null),
    ],
  );
}
