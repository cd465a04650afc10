import type pg from 'pg';
import type { EndpointWithSecrets } from '../../../shared/types';
import { InboxError } from '../../core/errors';
import type { EndpointPatch, NewEndpointRow } from '../../core/port-records';
import { asStoreError, inTransaction, run, uniqueViolation } from './connection';
import { type FeedEntry, appendFeed } from './feed-append';
import { ENDPOINT_COLUMNS, type EndpointRow, toEndpoint } from './rows';

/** Every endpoint with its secrets, oldest first. */
export async function listEndpoints(pool: pg.Pool): Promise<EndpointWithSecrets[]> {
  const { rows } = await run<EndpointRow>(
    pool,
    `SELECT ${ENDPOINT_COLUMNS} FROM endpoints ORDER BY created_at, label`,
  );
  return rows.map(toEndpoint);
}

/** The endpoint with this id, or null. */
export async function getEndpoint(pool: pg.Pool, id: string): Promise<EndpointWithSecrets | null> {
  const { rows } = await run<EndpointRow>(pool, `SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE id = $1`, [
    id,
  ]);
  const row = rows[0];
  return row ? toEndpoint(row) : null;
}

/** A taken id or label as the conflict every face shows; anything else as it came. */
function conflictOf(error: unknown, id: string, label: string | undefined): unknown {
  const constraint = uniqueViolation(error);
  if (constraint === 'endpoints_label_key')
    return new InboxError('conflict', `An endpoint labelled "${label}" already exists`, { field: 'label' });
  if (constraint === 'endpoints_pkey')
    return new InboxError('conflict', `An endpoint with id "${id}" already exists`, { field: 'id' });
  return asStoreError(error);
}

/** Creates an endpoint and its feed item in one transaction. */
export async function createEndpoint(pool: pg.Pool, e: NewEndpointRow, at: number): Promise<void> {
  try {
    await inTransaction(pool, async (client) => {
      await client.query(
        `INSERT INTO endpoints (id, label, provider, secrets, reject_invalid, forward_url, response, verify, created_at, created_by,
           expires_at, event_types)
         VALUES ($1, $2, $3, $4::json, $5, $6, $7::json, $8::json, $9, $10, $11, $12::json)`,
        [
          e.id,
          e.label,
          e.provider,
          JSON.stringify(e.secrets),
          e.rejectInvalid,
          e.forwardUrl,
          e.response ? JSON.stringify(e.response) : null,
          JSON.stringify(e.verify),
          e.createdAt,
          e.createdBy,
          e.expiresAt ?? null,
          e.eventTypes ? JSON.stringify(e.eventTypes) : null,
        ],
      );
      await appendFeed(client, [{ kind: 'endpoint.changed', at, eventId: null, endpointId: e.id }]);
    });
  } catch (error) {
    throw conflictOf(error, e.id, e.label);
  }
}

/** Applies a patch and adds the endpoint's feed item, in one transaction. */
export async function updateEndpoint(
  pool: pg.Pool,
  id: string,
  patch: EndpointPatch,
  at: number,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown, cast = '') => {
    values.push(value);
    sets.push(`${column} = $${values.length}${cast}`);
  };
  if (patch.label !== undefined) set('label', patch.label);
  if (patch.provider !== undefined) set('provider', patch.provider);
  if (patch.secrets !== undefined) set('secrets', JSON.stringify(patch.secrets), '::json');
  if (patch.rejectInvalid !== undefined) set('reject_invalid', patch.rejectInvalid);
  if (patch.forwardUrl !== undefined) set('forward_url', patch.forwardUrl);
  if (patch.response !== undefined)
    set('response', patch.response ? JSON.stringify(patch.response) : null, '::json');
  if (patch.verify !== undefined) set('verify', JSON.stringify(patch.verify), '::json');
  if (patch.paused !== undefined) set('paused', patch.paused);
  if (patch.archived !== undefined) set('archived', patch.archived);
  if (patch.expiresAt !== undefined) set('expires_at', patch.expiresAt);
  if (patch.eventTypes !== undefined)
    set('event_types', patch.eventTypes ? JSON.stringify(patch.eventTypes) : null, '::json');
  // An empty patch changes nothing but still tells an unknown id.
  const changes = sets.length > 0;
  if (!changes) sets.push('id = id');
  try {
    await inTransaction(pool, async (client) => {
      // Built from the fixed column list above, never from input.
      const result = await client.query(`UPDATE endpoints SET ${sets.join(', ')} WHERE id = $1`, values);
      if (!result.rowCount) throw new InboxError('not_found', `Endpoint "${id}" not found`);
      if (changes)
        await appendFeed(client, [{ kind: 'endpoint.changed', at, eventId: null, endpointId: id }]);
    });
  } catch (error) {
    throw conflictOf(error, id, patch.label);
  }
}

const GIVE_UP_ORPHANED = `UPDATE events SET forward_stage = 'gave_up', forward_reason = 'the endpoint was deleted',
    forward_next_at = NULL, forward_lease = NULL, forward_lease_until = NULL
  WHERE endpoint_id = $1 AND forward_stage IN ('pending', 'delivering', 'retrying') RETURNING id`;

/** Deletes an endpoint (and with purgeEvents its events and their feed items); returns how many events went. */
export function deleteEndpoint(pool: pg.Pool, id: string, purgeEvents: boolean, at: number): Promise<number> {
  return inTransaction(pool, async (client) => {
    const gone = await client.query('DELETE FROM endpoints WHERE id = $1', [id]);
    const purged = purgeEvents ? await client.query('DELETE FROM events WHERE endpoint_id = $1', [id]) : null;
    // Kept events' open forwards can never be sent (a claim picks forwards by endpoint): end them
    // now, visibly. The lease goes too, so an attempt in flight is recorded without reopening one.
    const ended = purgeEvents ? [] : (await client.query<{ id: string }>(GIVE_UP_ORPHANED, [id])).rows;
    const feed: FeedEntry[] = ended.map((e) => ({
      kind: 'event.updated',
      at,
      eventId: e.id,
      endpointId: null,
    }));
    if (gone.rowCount || purged?.rowCount)
      feed.push({ kind: 'endpoint.changed', at, eventId: null, endpointId: id });
    await appendFeed(client, feed);
    return purged?.rowCount ?? 0;
  });
}
