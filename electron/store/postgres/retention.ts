import type pg from 'pg';
import type { VerificationStatus } from '../../../shared/types';
import type { RetentionPolicy, RetentionResult } from '../../core/port-records';
import { trustedStatuses } from '../../core/trust';
import { readSecrets } from '../json-columns';
import { PENDING_CEILING } from '../retention';
import { inTransaction } from './connection';
import { RETENTION_LOCK } from './locks';

/** One endpoint's trusted (side true) or untrusted (side false) events. */
interface Side {
  endpointId: string;
  trusted: VerificationStatus[];
  side: boolean;
}

const SIDE = '(verification_status = ANY($2::text[])) = $3';
// Trusted events go only once handled: acked, and no auto-forward still open (but for the ceiling).
const HANDLED = `acked_at IS NOT NULL AND coalesce(forward_stage, '') NOT IN ('pending', 'delivering', 'retrying')`;

async function countSide(client: pg.PoolClient, s: Side): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE endpoint_id = $1 AND ${SIDE}`,
    [s.endpointId, s.trusted, s.side],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes the oldest deletable events of one side until at most `keep` remain (or none is deletable). */
async function trimTo(client: pg.PoolClient, s: Side, keep: number, pendingToo: boolean): Promise<number> {
  const excess = (await countSide(client, s)) - keep;
  if (excess <= 0) return 0;
  const result = await client.query(
    `DELETE FROM events WHERE seq IN (
       SELECT seq FROM events WHERE endpoint_id = $1 AND ${SIDE} AND ($3 = false OR $4 OR (${HANDLED}))
       ORDER BY seq LIMIT $5)`,
    [s.endpointId, s.trusted, s.side, pendingToo, excess],
  );
  return result.rowCount ?? 0;
}

async function deleteOlder(client: pg.PoolClient, s: Side, before: number): Promise<number> {
  const result = await client.query(
    `DELETE FROM events WHERE endpoint_id = $1 AND ${SIDE} AND ($3 = false OR (${HANDLED})) AND received_at < $4`,
    [s.endpointId, s.trusted, s.side, before],
  );
  return result.rowCount ?? 0;
}

/**
 * Applies the policy as the SQLite store does (store/retention.ts): per endpoint, untrusted events
 * beyond their budget go oldest first, trusted ones oldest handled first, pending trusted ones only
 * beyond ten times the budget. Runs in one transaction under a tried lock: while one relay process
 * trims, the others get null at once instead of deleting the same rows twice. Feed items of deleted
 * events go with them (ON DELETE CASCADE).
 */
export function enforceRetention(
  pool: pg.Pool,
  policy: RetentionPolicy,
  now: number,
): Promise<RetentionResult | null> {
  return inTransaction(pool, async (client) => {
    const { rows: lock } = await client.query<{ got: boolean }>(
      `SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}) AS got`,
    );
    if (!lock[0]?.got) return null;
    const smallest = Math.min(policy.maxEventsPerEndpoint, policy.maxUntrustedPerEndpoint);
    const { rows: counts } = await client.query<{ endpoint_id: string; total: number }>(
      'SELECT endpoint_id, count(*)::int AS total FROM events GROUP BY endpoint_id',
    );
    const { rows: secrets } = await client.query<{ id: string; secrets: string }>(
      'SELECT id, secrets::text AS secrets FROM endpoints',
    );
    const secretCount = new Map(secrets.map((r) => [r.id, readSecrets(r.secrets).length]));
    const result: RetentionResult = { deleted: 0, deletedUntrusted: 0, deletedPending: 0, keptOverLimit: [] };
    for (const { endpoint_id: endpointId, total } of counts) {
      if (total <= smallest && policy.maxAgeMs === null) continue;
      const count = secretCount.get(endpointId);
      // Events of a deleted endpoint are trimmed as on an endpoint without a secret.
      const trusted = trustedStatuses(count === undefined ? null : { secretCount: count });
      const real: Side = { endpointId, trusted, side: true };
      const junk: Side = { ...real, side: false };
      const untrustedGone = await trimTo(client, junk, policy.maxUntrustedPerEndpoint, false);
      const handledGone = await trimTo(client, real, policy.maxEventsPerEndpoint, false);
      // The disk is finite: pending trusted events are kept beyond the budget only up to a ceiling.
      const pendingGone = await trimTo(client, real, policy.maxEventsPerEndpoint * PENDING_CEILING, true);
      let aged = 0;
      if (policy.maxAgeMs !== null) {
        const before = now - policy.maxAgeMs;
        aged += await deleteOlder(client, junk, before);
        aged += await deleteOlder(client, real, before);
      }
      result.deleted += untrustedGone + handledGone + pendingGone + aged;
      result.deletedUntrusted += untrustedGone;
      result.deletedPending += pendingGone;
      const over = (await countSide(client, real)) - policy.maxEventsPerEndpoint;
      if (over > 0) result.keptOverLimit.push({ endpointId, count: over });
    }
    return result;
  });
}
