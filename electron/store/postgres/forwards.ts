import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { formatDuration } from '../../base/duration';
import type { ForwardClaim, RelayForwardJob, RelayForwardResult } from '../../core/relay-ports';
import { inTransaction } from './connection';
import { insertDelivery } from './deliveries';
import { type FeedEntry, appendFeed } from './feed-append';
import { ENDPOINT_COLUMNS, type EndpointRow, FULL_COLUMNS, type FullRow, toEndpoint, toStored } from './rows';

interface ClaimedRow {
  id: string;
  attempts: number;
  received_at: number;
  endpoint_id: string;
  forward_url: string | null;
}

// Which events a forward is due for: pending, a retry whose time came, or an attempt whose lease
// lapsed (a relay died mid-send).
const DUE = `e.forward_stage IN ('pending', 'delivering', 'retrying')
  AND CASE WHEN e.forward_stage = 'delivering' THEN coalesce(e.forward_lease_until, 0) <= $1
           ELSE coalesce(e.forward_next_at, 0) <= $1 END`;

/**
 * Due forwards, picked fairly and locked for this transaction. Each endpoint has at most $5 sends in
 * flight across all relays (its live leases count), so a target that hangs fills its own slots, not
 * every relay's; the rest go round-robin (every endpoint's oldest first, then each one's second...).
 * Picking reads without locks, so the rows are then locked with `SKIP LOCKED` (another relay's claim
 * holds them) and the due test re-run on the locked version. Each is leased to this claim at once:
 * once the transaction commits, no other relay takes it until the lease lapses. Two relays claiming
 * at the same instant may each count the other's picks as free, so the cap can be passed by one
 * claim's worth, never held up.
 */
const CLAIM = `
  WITH busy AS (
    SELECT e.endpoint_id, count(*)::int AS n FROM events e
    WHERE e.forward_stage = 'delivering' AND coalesce(e.forward_lease_until, 0) > $1
    GROUP BY e.endpoint_id),
  picked AS (
    SELECT c.id FROM endpoints ep
    LEFT JOIN busy b ON b.endpoint_id = ep.id
    CROSS JOIN LATERAL (
      SELECT e.id, e.seq, row_number() OVER (ORDER BY e.seq) AS turn FROM events e
      WHERE e.endpoint_id = ep.id AND ${DUE}
      ORDER BY e.seq LIMIT greatest($5::int - coalesce(b.n, 0), 0)) c
    ORDER BY c.turn, c.seq LIMIT $2),
  due AS (
    SELECT e.id FROM events e WHERE e.id IN (SELECT id FROM picked) AND ${DUE}
    FOR UPDATE OF e SKIP LOCKED)
  UPDATE events e SET forward_stage = 'delivering', forward_attempts = e.forward_attempts + 1,
    forward_next_at = NULL, forward_lease = $3, forward_lease_until = $4
  FROM due WHERE e.id = due.id
  RETURNING e.id, e.forward_attempts AS attempts, e.received_at, e.endpoint_id,
    (SELECT ep.forward_url FROM endpoints ep WHERE ep.id = e.endpoint_id) AS forward_url`;

// The attempt the claim counted is never made: the count is given back with the reason.
const GIVE_UP = `UPDATE events SET forward_stage = 'gave_up', forward_reason = $2, forward_next_at = NULL,
    forward_attempts = forward_attempts - 1, forward_lease = NULL, forward_lease_until = NULL
  WHERE id = $1`;

/** Why a forward older than the age limit was given up on a relay. */
function tooOld(maxAgeMs: number): string {
  return `not sent within ${formatDuration(maxAgeMs)} of arrival (the relay's forward age limit)`;
}

/** Claims due forwards for this relay process under a fresh lease (see RelayForwardQueue.claimForwards). */
export async function claimForwards(pool: pg.Pool, claim: ForwardClaim): Promise<RelayForwardJob[]> {
  const { limit, perEndpoint, leaseMs, maxAgeMs, now } = claim;
  const lease = randomUUID();
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<ClaimedRow>(CLAIM, [now, limit, lease, now + leaseMs, perEndpoint]);
    if (rows.length === 0) return [];
    const feed: FeedEntry[] = [];
    const sending: ClaimedRow[] = [];
    for (const row of rows) {
      feed.push({ kind: 'event.updated', at: now, eventId: row.id, endpointId: null });
      const reason =
        row.received_at < now - maxAgeMs
          ? tooOld(maxAgeMs)
          : row.forward_url === null
            ? 'the endpoint no longer has a forward URL'
            : null;
      if (reason === null) sending.push(row);
      else await client.query(GIVE_UP, [row.id, reason]);
    }
    const jobs = await loadJobs(client, sending, lease);
    await appendFeed(client, feed);
    return jobs;
  });
}

/** The claimed events (whole) with their endpoints. */
async function loadJobs(
  client: pg.PoolClient,
  rows: ClaimedRow[],
  lease: string,
): Promise<RelayForwardJob[]> {
  if (rows.length === 0) return [];
  const { rows: events } = await client.query<FullRow>(
    `SELECT ${FULL_COLUMNS} FROM events WHERE id = ANY($1::text[])`,
    [rows.map((r) => r.id)],
  );
  const { rows: found } = await client.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE id = ANY($1::text[])`,
    [[...new Set(rows.map((r) => r.endpoint_id))]],
  );
  const eventById = new Map(events.map((e) => [e.id, toStored(e)]));
  const endpointById = new Map(found.map((e) => [e.id, toEndpoint(e)]));
  return rows.flatMap((row) => {
    const event = eventById.get(row.id);
    const endpoint = endpointById.get(row.endpoint_id);
    return event && endpoint ? [{ event, endpoint, attempt: row.attempts, lease }] : [];
  });
}

/** Records a claimed attempt and, while the lease still holds, the event's new forward state. */
export async function finishForward(
  pool: pg.Pool,
  lease: string,
  result: RelayForwardResult,
  at: number,
): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const eventId = result.delivery.eventId;
    const updated = await client.query(
      `UPDATE events SET forward_stage = $3, forward_reason = $4, forward_next_at = $5,
         forward_lease = NULL, forward_lease_until = NULL
       WHERE id = $1 AND forward_lease = $2`,
      [eventId, lease, result.stage, result.reason, result.nextAttemptAt],
    );
    const deliveryId = await insertDelivery(client, result.delivery, at);
    const feed: FeedEntry[] = [];
    if (deliveryId !== null)
      feed.push({ kind: 'delivery.recorded', at, eventId, endpointId: null, deliveryId });
    const held = (updated.rowCount ?? 0) > 0;
    if (held) feed.push({ kind: 'event.updated', at, eventId, endpointId: null });
    await appendFeed(client, feed);
    return held;
  });
}
