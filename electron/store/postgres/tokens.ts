import type pg from 'pg';
import { InboxError } from '../../core/errors';
import type { NewRelayToken, RelayToken } from '../../core/relay-ports';
import { asStoreError, run, uniqueViolation } from './connection';

interface TokenRow {
  id: string;
  name: string;
  read_only: boolean;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

const COLUMNS = 'id, name, read_only, created_at, revoked_at, last_used_at';

function toToken(r: TokenRow): RelayToken {
  return {
    id: r.id,
    name: r.name,
    readOnly: r.read_only,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

/** Stores a member's token by its hash; a live token with the same name is a conflict. */
export async function createToken(pool: pg.Pool, t: NewRelayToken): Promise<void> {
  try {
    await pool.query(
      'INSERT INTO relay_tokens (id, name, read_only, hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [t.id, t.name, t.readOnly, t.hash, t.createdAt],
    );
  } catch (error) {
    if (uniqueViolation(error) === 'relay_tokens_live_name')
      throw new InboxError(
        'conflict',
        `A live token named "${t.name}" exists; revoke it first or pick another name`,
        {
          field: 'name',
        },
      );
    throw asStoreError(error);
  }
}

/** Every token, oldest first (hashes never leave the store). */
export async function listTokens(pool: pg.Pool): Promise<RelayToken[]> {
  const { rows } = await run<TokenRow>(pool, `SELECT ${COLUMNS} FROM relay_tokens ORDER BY created_at, id`);
  return rows.map(toToken);
}

/** Revokes the live token(s) with this id or name; false when none matched. */
export async function revokeToken(pool: pg.Pool, idOrName: string, at: number): Promise<boolean> {
  const result = await run(
    pool,
    'UPDATE relay_tokens SET revoked_at = $2 WHERE (id = $1 OR name = $1) AND revoked_at IS NULL',
    [idOrName, at],
  );
  return (result.rowCount ?? 0) > 0;
}

/** The live token with this hash, marked used now; null when unknown or revoked. */
export async function useToken(pool: pg.Pool, hash: string, at: number): Promise<RelayToken | null> {
  const { rows } = await run<TokenRow>(
    pool,
    `UPDATE relay_tokens SET last_used_at = $2 WHERE hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [hash, at],
  );
  const row = rows[0];
  return row ? toToken(row) : null;
}
