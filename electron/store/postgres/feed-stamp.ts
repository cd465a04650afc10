import type pg from 'pg';
import { asStoreError, checkIn, checkOut, run } from './connection';
import { CHANGE_CHANNEL, FEED_LOCK } from './locks';

/** Most rows one stamp transaction positions; a longer backlog takes several, one after another. */
const STAMP_BATCH = 5_000;

/**
 * Gives feed positions to committed, unstamped feed rows, oldest entry first; returns how many.
 *
 * Why this is safe across relay processes: FEED_LOCK is taken first, in its own statement, so the
 * UPDATE's snapshot is taken after the previous stamp committed (transaction-scoped locks are let
 * go only once the commit is visible). Positions come from the sequence under the lock, so each
 * stamp's positions are above every earlier stamp's and become visible in one commit, after them:
 * a reader that passed N never finds a new item below N. Rows of transactions still open are not
 * in the snapshot and get a later stamp. One transaction: a relay killed mid-stamp leaves nothing
 * half-stamped, and whoever stamps next positions those rows.
 */
export async function stampFeed(pool: pg.Pool, limit = STAMP_BATCH): Promise<number> {
  // Outside the lock and cheap (a partial index): most calls under load find another relay already
  // stamped their rows, and then neither take the lock nor write.
  const waiting = await run<{ any: boolean }>(
    pool,
    'SELECT EXISTS (SELECT 1 FROM relay_feed WHERE id IS NULL) AS any',
  );
  if (!waiting.rows[0]?.any) return 0;
  const client = await checkOut(pool);
  try {
    // One round trip: statements of one simple query run in order, each with its own snapshot (READ
    // COMMITTED), so the UPDATE still looks only after the lock is held.
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${FEED_LOCK}); ${stampSql(Math.floor(limit))}; COMMIT`,
    )) as unknown as pg.QueryResult<{ stamped: number }>[];
    checkIn(client);
    return results[2]?.rows[0]?.stamped ?? 0;
  } catch (error) {
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    checkIn(client, !rolledBack);
    throw asStoreError(error);
  }
}

/** Positions up to `limit` unstamped rows: the k-th oldest entry gets the k-th smallest new position. */
function stampSql(limit: number): string {
  // Ranked twice because the order nextval() runs in over a set is not promised.
  return `WITH picked AS (
      SELECT entry, row_number() OVER (ORDER BY entry) AS n FROM relay_feed
      WHERE id IS NULL ORDER BY entry LIMIT ${limit}),
    handed AS (SELECT nextval('relay_feed_id_seq') AS id FROM picked),
    ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM handed),
    stamped AS (
      UPDATE relay_feed f SET id = r.id FROM picked p JOIN ranked r USING (n)
      WHERE f.entry = p.entry RETURNING f.id)
    SELECT s.stamped, CASE WHEN s.stamped > 0 THEN pg_notify('${CHANGE_CHANNEL}', s.head::text) END
    FROM (SELECT count(*)::int AS stamped, max(id) AS head FROM stamped) s`;
}

/**
 * Stamps this relay's feed rows right after its commits, coalesced: while a stamp runs, every
 * caller that comes meanwhile shares the one next stamp (it must start after their commit, so the
 * running one may not do). A sweep every `sweepMs` stamps what a relay killed between its commit
 * and its stamp left behind, and what a failed stamp (PostgreSQL down) did not do.
 */
export class FeedStamper {
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Resolves once every feed row committed before this call has a position, with how many rows
   * this process stamped (rejects when PostgreSQL fails).
   */
  stamp(): Promise<number> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    this.queued = next;
    return next;
  }

  /**
   * Stamps now and then every `sweepMs` until stopped (errors wait for the next sweep); `onStamped`
   * hears of sweeps that positioned rows (this process's readers need not wait for NOTIFY).
   */
  sweep(sweepMs: number, onStamped: () => void): void {
    const tick = () => {
      this.stamp()
        .then((stamped) => {
          if (stamped > 0) onStamped();
        })
        .catch(() => undefined)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, sweepMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Stops sweeping and waits for a stamp under way. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.running, this.queued]);
  }

  private start(): Promise<number> {
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = null;
    });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const stamped = await stampFeed(this.pool);
      total += stamped;
      if (stamped < STAMP_BATCH) return total;
    }
  }
}
