/**
 * The relay's store on PostgreSQL (issue 16): several relay processes on one database. SQL lives
 * only in this folder; the rest of Hookline sees the RelayStore port.
 */
import { type Clock, systemClock } from '../../base/clock';
import { errorText } from '../../base/logger';
import { InboxError } from '../../core/errors';
import type { RelayStore } from '../../core/relay-ports';
import { type PoolOptions, createPool, isUnavailable } from './connection';
import { Doorbell } from './doorbell';
import { migrate } from './migrations';
import { PostgresRelayStore } from './relay-store';

/** How to open the PostgreSQL relay store. */
export interface PostgresRelayOptions extends PoolOptions {
  clock?: Clock;
}

/**
 * Connects to `url` (postgres://…), migrates the schema (safe when several relays start at once),
 * starts listening for other relays' commits and returns the store. Rejects when the database
 * cannot be reached or migrated.
 */
export async function openPostgresRelayStore(
  url: string,
  options: PostgresRelayOptions = {},
): Promise<RelayStore> {
  const pool = createPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (!isUnavailable(error)) throw error;
    throw new InboxError(
      'unavailable',
      `Cannot reach PostgreSQL at ${where(url)} (${errorText(error)}); check --database and that the server is up`,
    );
  }
  const doorbell = new Doorbell(url, options.connectTimeoutMs ?? 3_000);
  await doorbell.start();
  return new PostgresRelayStore(pool, doorbell, options.clock ?? systemClock);
}

/** host:port/database of a connection URL, never its password. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the --database URL';
  }
}
