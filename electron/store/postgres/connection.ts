import pg from 'pg';
import { InboxError } from '../../core/errors';

/** How the relay's connections to PostgreSQL behave when the database is slow or gone. */
export interface PoolOptions {
  /** Connections per relay process (default 10). */
  max?: number;
  /** Give up connecting after this long (ms, default 3,000): the relay answers 503 instead of hanging. */
  connectTimeoutMs?: number;
  /** Cancel a statement after this long (ms, default 15,000). */
  statementTimeoutMs?: number;
}

// int8 (bigint) columns hold ms timestamps and ids far below 2^53: read them as numbers, not strings.
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a pool whose calls fail fast while PostgreSQL is down and work again once it is back. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const statementTimeout = options.statementTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    // A relay whose host vanished mid-transaction (no FIN, so no reset) would hold the feed lock
    // until TCP gave up, stalling every other relay: the server ends such a session instead.
    idle_in_transaction_session_timeout: 10_000,
    // A query stuck on a dead socket is abandoned a little after the server would have cancelled it.
    query_timeout: statementTimeout + 2_000,
    keepAlive: true,
    types,
  });
  // An idle connection dropped by a server restart is removed by the pool; without a listener the
  // 'error' event would crash the relay process.
  pool.on('error', () => {});
  return pool;
}

/** The same type parsers for a single client (the doorbell's listening connection). */
export const pgTypes = types;

/** SQLSTATE classes meaning "the database cannot be reached or is going away": retry later. */
const UNAVAILABLE_STATES = /^(08|53|57P0)/;
const NETWORK_CODES = new Set([
  'EAI_AGAIN',
  'ENETUNREACH',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

function fieldOf(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null && key in error
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/** True when an error means PostgreSQL is unreachable (down, restarting, timed out), not that the query was wrong. */
export function isUnavailable(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || NETWORK_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection is closed|Client has encountered a connection error/i.test(
    message,
  );
}

/** The SQLSTATE of a unique violation, and which constraint it was. */
export function uniqueViolation(error: unknown): string | null {
  if (fieldOf(error, 'code') !== '23505') return null;
  const constraint = fieldOf(error, 'constraint');
  return typeof constraint === 'string' ? constraint : '';
}

/** Turns "PostgreSQL is down" into the one error every face answers as 503; anything else passes as is. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof InboxError || !isUnavailable(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new InboxError(
    'unavailable',
    `The relay's PostgreSQL database cannot be reached (${reason}); retry shortly`,
  );
}

// A checked-out client whose server goes away between two statements emits 'error' with no pool
// listener attached, which would crash the relay; the next statement fails and says why instead.
const ignoreIdleError = () => {};

/** Takes a connection from the pool, guarded against 'error' events while this code holds it. */
export async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    const client = await pool.connect();
    client.on('error', ignoreIdleError);
    return client;
  } catch (error) {
    throw asStoreError(error);
  }
}

/** Hands a connection back (destroys it when it may be broken). */
export function checkIn(client: pg.PoolClient, broken = false): void {
  client.off('error', ignoreIdleError);
  client.release(broken ? true : undefined);
}

/** Runs `work` in one transaction on a pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await checkOut(pool);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    checkIn(client);
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: destroy it rather than hand it out again.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    checkIn(client, !rolledBack);
    throw asStoreError(error);
  }
}

/**
 * Runs one statement outside a transaction (a config with a `name` is prepared once per
 * connection), mapping "PostgreSQL is down" to `unavailable`.
 */
export async function run<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  text: string | pg.QueryConfig,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return typeof text === 'string' ? await pool.query<R>(text, values) : await pool.query<R>(text);
  } catch (error) {
    throw asStoreError(error);
  }
}
