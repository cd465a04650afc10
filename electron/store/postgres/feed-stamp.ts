import type pg from 'pg';
import { run } from './connection';
import { CHANGE_CHANNEL, FEED_LOCK } from './locks';

/** Most rows one stamp transaction positions; a longer backlog takes several, one after another. */
const STAMP_BATCH = 5_000;

/**
 * The stamp, as a function in the database (created by migration 5): one round trip per stamp,
 * and its plans are kept per session. It gives committed, unstamped feed rows positions, oldest
 * entry first, and returns how many.
 *
 * Why this is safe across relay processes: FEED_LOCK is taken before the UPDATE, in its own
 * statement, and a volatile function takes a fresh snapshot for each statement (READ COMMITTED),
 * so the UPDATE looks only after the previous stamp committed (a transaction-scoped lock is let
 * go only once its commit is visible). Positions come from the sequence under the lock, so each
 * stamp's positions are above every earlier stamp's and become visible in one commit, after them:
 * a reader that passed N never finds a new item below N. Rows of transactions still open are not
 * in the snapshot and get a later stamp. One transaction: a relay killed mid-stamp leaves nothing
 * half-stamped, and whoever stamps next positions those rows.
 */
export const STAMP_FUNCTION = `
  CREATE FUNCTION hookline_stamp_feed(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $fn$
  DECLARE
    done integer;
    top bigint;
  BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
      RAISE EXCEPTION 'hookline_stamp_feed needs READ COMMITTED (the default), not %', current_setting('transaction_isolation');
    END IF;
    -- Cheap (a partial index) and before the lock: under load another relay has often stamped
    -- these rows already, and then no lock is taken and nothing is written.
    IF NOT EXISTS (SELECT 1 FROM relay_feed WHERE id IS NULL) THEN
      RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(${FEED_LOCK});
    -- Ranked twice because the order nextval() runs in over a set is not promised: the k-th oldest
    -- entry gets the k-th smallest new position.
    WITH picked AS (
        SELECT entry, row_number() OVER (ORDER BY entry) AS n FROM relay_feed
        WHERE id IS NULL ORDER BY entry LIMIT max_rows),
      handed AS (SELECT nextval('relay_feed_id_seq') AS id FROM picked),
      ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM handed),
      stamped AS (
        UPDATE relay_feed f SET id = r.id FROM picked p JOIN ranked r USING (n)
        WHERE f.entry = p.entry RETURNING f.id)
    SELECT count(*)::int, max(id) INTO done, top FROM stamped;
    IF done > 0 THEN
      PERFORM pg_notify('${CHANGE_CHANNEL}', top::text);
    END IF;
    RETURN done;
  END
  $fn$;`;

/** Runs one stamp (its own transaction); returns how many rows it positioned. */
export async function stampFeed(pool: pg.Pool, limit = STAMP_BATCH): Promise<number> {
  const { rows } = await run<{ stamped: number }>(pool, {
    name: 'hookline-stamp-feed',
    text: 'SELECT hookline_stamp_feed($1) AS stamped',
    values: [limit],
  });
  return rows[0]?.stamped ?? 0;
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
