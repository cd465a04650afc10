import type pg from 'pg';
import type { NewEvent } from '../../core/port-records';
import { inTransaction, run } from './connection';

/** PostgreSQL text cannot hold NUL; fields read out of payloads (ids, types) get U+FFFD instead. The body stays exact. */
function pgText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

// The events and their feed rows (no position yet: feed-stamp.ts gives them one), in one statement.
const INSERT_EVENTS = `
  WITH stored AS (
  INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size, truncated,
    content_type, remote_addr, provider, provider_event_id, provider_event_type, provider_event_source,
    duplicate_of, handshake, verification_status, verification, response_status, imported_from, forward_stage)
  SELECT u.id, u.endpoint_id, u.received_at, u.method, u.path, u.query, u.headers::json, u.body,
    octet_length(u.body), u.truncated, u.content_type, u.remote_addr, u.provider, u.provider_event_id,
    u.provider_event_type, u.provider_event_source,
    coalesce((SELECT d.id FROM events d WHERE d.endpoint_id = u.endpoint_id AND d.provider_event_id = u.provider_event_id
      ORDER BY d.seq LIMIT 1), u.duplicate_of),
    u.handshake, u.verification_status,
    u.verification::json, u.response_status, u.imported_from,
    -- The forward's durable state is born in the commit that stores the event, as on SQLite.
    CASE WHEN u.forward AND ep.forward_url IS NOT NULL THEN 'pending' END
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[],
    $9::boolean[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
    $17::text[], $18::text[], $19::text[], $20::integer[], $21::text[], $22::boolean[])
    WITH ORDINALITY AS u(id, endpoint_id, received_at, method, path, query, headers, body, truncated, content_type,
      remote_addr, provider, provider_event_id, provider_event_type, provider_event_source, duplicate_of, handshake,
      verification_status, verification, response_status, imported_from, forward, ord)
  LEFT JOIN endpoints ep ON ep.id = u.endpoint_id
  ORDER BY u.ord
  RETURNING seq, id, endpoint_id),
  listed AS (
    INSERT INTO relay_feed (kind, at, event_id, endpoint_id)
    SELECT 'event.created', $23::bigint, id, endpoint_id FROM stored ORDER BY seq)
  SELECT seq, id FROM stored`;

function providerKey(endpointId: string, providerEventId: string): string {
  return `${endpointId}\n${providerEventId}`;
}

/**
 * Takes each (endpoint, provider event id) key's advisory lock, in one global order (no deadlock):
 * a relay process committing the same provider event at this moment finishes first, and the
 * insert's look-up for an earlier event (a later statement, so a later snapshot) then sees its row.
 */
async function lockProviderKeys(client: pg.PoolClient, batch: NewEvent[]): Promise<void> {
  const keyed = batch.filter((e) => e.providerEventId);
  if (keyed.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtextextended(e || E'\\n' || p, 0) AS h FROM unnest($1::text[], $2::text[]) AS k(e, p) ORDER BY h) s`,
    [keyed.map((e) => e.endpointId), keyed.map((e) => pgText(e.providerEventId))],
  );
}

/**
 * Stores a batch and its feed rows atomically: duplicates linked to the first event with the same
 * provider event id, as on SQLite. A batch without provider ids is one statement, its own
 * transaction (one round trip, one commit); one with them takes their locks first, in a transaction.
 * Returns the seqs in batch order.
 */
export async function storeEvents(pool: pg.Pool, batch: NewEvent[], at: number): Promise<number[]> {
  // Within the batch: later events with a provider id point at the batch's first; the insert
  // prefers an event stored before the batch, when there is one.
  const first = new Map<string, string>();
  const duplicateOf = batch.map((e) => {
    const providerId = pgText(e.providerEventId);
    if (!providerId) return null;
    const key = providerKey(e.endpointId, providerId);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, e.id);
    return earlier ?? null;
  });
  const values = [
    batch.map((e) => e.id),
    batch.map((e) => e.endpointId),
    batch.map((e) => e.receivedAt),
    batch.map((e) => pgText(e.method)),
    batch.map((e) => pgText(e.path)),
    batch.map((e) => pgText(e.query)),
    batch.map((e) => JSON.stringify(e.headers)),
    batch.map((e) => e.body),
    batch.map((e) => e.truncated),
    batch.map((e) => pgText(e.contentType)),
    batch.map((e) => pgText(e.remoteAddr)),
    batch.map((e) => e.provider),
    batch.map((e) => pgText(e.providerEventId)),
    batch.map((e) => pgText(e.providerEventType)),
    batch.map((e) => pgText(e.providerEventSource)),
    duplicateOf,
    batch.map((e) => e.handshake ?? null),
    batch.map((e) => e.verification.status),
    batch.map((e) => JSON.stringify(e.verification)),
    batch.map((e) => e.responseStatus),
    batch.map((e) => pgText(e.importedFrom)),
    batch.map((e) => e.forward),
    at,
  ];
  const keyed = batch.some((e) => e.providerEventId);
  // Prepared once per connection: planning this statement costs more than running it for a small batch.
  const insert = { name: 'hookline-store-events', text: INSERT_EVENTS, values };
  const { rows } = keyed
    ? await inTransaction(pool, async (client) => {
        await lockProviderKeys(client, batch);
        return client.query<{ seq: number; id: string }>(insert);
      })
    : await run<{ seq: number; id: string }>(pool, insert);
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
  return batch.map((e) => {
    const seq = seqOf.get(e.id);
    if (seq === undefined) throw new Error(`Event ${e.id} was not stored`);
    return seq;
  });
}
