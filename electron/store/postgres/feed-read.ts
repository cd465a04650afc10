import type pg from 'pg';
import { withoutSecrets } from '../../core/endpoint-rows';
import type { RelayFeedItem, RelayFeedPage } from '../../core/relay-ports';
import { inTransaction } from './connection';
import { readDeliveries } from './deliveries';
import {
  ENDPOINT_COLUMNS,
  type EndpointRow,
  FULL_COLUMNS,
  type FullRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  toEndpoint,
  toStored,
  toSummary,
} from './rows';

interface FeedRow {
  id: number;
  kind: string;
  at: number;
  event_id: string | null;
  endpoint_id: string | null;
  delivery_id: number | null;
  body_size: number | null;
}

/** Picks the rows that fit a page: at most `limit`, and bodies up to about `maxBytes` (always one). */
function fitPage(rows: FeedRow[], limit: number, maxBytes: number): FeedRow[] {
  const page: FeedRow[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    const size = row.kind === 'event.created' ? (row.body_size ?? 0) : 0;
    if (page.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    page.push(row);
  }
  return page;
}

/**
 * Reads a feed page in one snapshot (REPEATABLE READ), so an event deleted by retention between the
 * two reads cannot leave an item half-built. Items carry events and endpoints as they stand now.
 */
export function readFeed(
  pool: pg.Pool,
  after: number,
  limit: number,
  maxBytes: number,
): Promise<RelayFeedPage> {
  const want = Math.max(1, Math.floor(limit));
  return inTransaction(
    pool,
    async (client) => {
      const { rows } = await client.query<FeedRow>(
        `SELECT f.id, f.kind, f.at, f.event_id, f.endpoint_id, f.delivery_id, e.body_size
         FROM relay_feed f LEFT JOIN events e ON f.kind = 'event.created' AND e.id = f.event_id
         WHERE f.id > $1 ORDER BY f.id LIMIT $2`,
        [after, want + 1],
      );
      const page = fitPage(rows, want, maxBytes);
      const items = await buildItems(client, page);
      const last = page.at(-1);
      return { items, next: last ? last.id : after, hasMore: rows.length > page.length };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

async function buildItems(client: pg.PoolClient, page: FeedRow[]): Promise<RelayFeedItem[]> {
  const ids = (kind: string) => [
    ...new Set(page.filter((r) => r.kind === kind).map((r) => r.event_id ?? r.endpoint_id ?? '')),
  ];
  const created = ids('event.created');
  const updated = ids('event.updated');
  const endpoints = ids('endpoint.changed');
  const full = created.length
    ? (await client.query<FullRow>(`SELECT ${FULL_COLUMNS} FROM events WHERE id = ANY($1)`, [created])).rows
    : [];
  const summaries = updated.length
    ? (await client.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM events WHERE id = ANY($1)`, [updated]))
        .rows
    : [];
  const endpointRows = endpoints.length
    ? (
        await client.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE id = ANY($1)`, [
          endpoints,
        ])
      ).rows
    : [];
  const deliveryIds = page.flatMap((r) =>
    r.kind === 'delivery.recorded' && r.delivery_id !== null ? [r.delivery_id] : [],
  );
  const deliveries = await readDeliveries(client, deliveryIds);
  const fullById = new Map(full.map((r) => [r.id, r]));
  const summaryById = new Map(summaries.map((r) => [r.id, r]));
  const endpointById = new Map(endpointRows.map((r) => [r.id, r]));
  const items: RelayFeedItem[] = [];
  for (const row of page) {
    const base = { id: row.id, at: row.at };
    if (row.kind === 'endpoint.changed' && row.endpoint_id !== null) {
      const found = endpointById.get(row.endpoint_id);
      // Never secrets on the feed: they stay on the relay.
      const endpoint = found ? withoutSecrets(toEndpoint(found)) : null;
      items.push({ ...base, kind: 'endpoint.changed', endpointId: row.endpoint_id, endpoint });
      continue;
    }
    if (row.kind === 'delivery.recorded') {
      const delivery = deliveries.get(row.delivery_id ?? -1);
      if (delivery) items.push({ ...base, kind: 'delivery.recorded', delivery });
      continue;
    }
    // Event rows are deleted with their feed items (ON DELETE CASCADE), so in one snapshot both exist.
    const eventId = row.event_id ?? '';
    const whole = fullById.get(eventId);
    if (row.kind === 'event.created' && whole)
      items.push({ ...base, kind: 'event.created', event: toStored(whole) });
    const summary = summaryById.get(eventId);
    if (row.kind === 'event.updated' && summary)
      items.push({ ...base, kind: 'event.updated', event: toSummary(summary) });
  }
  return items;
}
