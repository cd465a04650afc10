import type pg from 'pg';
import type { RelayFeedItem } from '../../core/relay-ports';

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
 * Appends feed rows in the caller's writing transaction, without a feed position: readers do not
 * see them until a stamp (feed-stamp.ts) gives them one after this transaction commits. No lock is
 * taken here, so writing transactions of every relay process commit side by side. The rows' `entry`
 * (an identity, taken as each row is inserted) keeps their order for the stamp.
 */
export async function appendFeed(client: pg.PoolClient, entries: FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO relay_feed (kind, at, event_id, endpoint_id, delivery_id)
     SELECT u.kind, u.at, u.event_id, u.endpoint_id, u.delivery_id
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS u(kind, at, event_id, endpoint_id, delivery_id, ord)
     ORDER BY u.ord`,
    [
      entries.map((e) => e.kind),
      entries.map((e) => e.at),
      entries.map((e) => e.eventId),
      entries.map((e) => e.endpointId),
      entries.map((e) => e.deliveryId ?? null),
    ],
  );
}
