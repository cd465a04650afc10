import type pg from 'pg';
import type { AckOutcome, EndpointWithSecrets, StoredEvent } from '../../../shared/types';
import type { Clock } from '../../base/clock';
import type {
  AckResult,
  ClaimHolder,
  EndpointPatch,
  NewEndpointRow,
  NewEvent,
  RecordedDelivery,
  RetentionPolicy,
  RetentionResult,
} from '../../core/port-records';
import {
  type NewRelayToken,
  type RelayEventsPage,
  type RelayFeedPage,
  type RelayForwardQueue,
  type RelayStore,
  type RelayToken,
  boundedEventsPage,
} from '../../core/relay-ports';
import { inTransaction, run } from './connection';
import { insertDelivery } from './deliveries';
import type { Doorbell } from './doorbell';
import * as endpoints from './endpoints';
import { storeEvents } from './event-commit';
import { appendFeed } from './feed-append';
import { readFeed } from './feed-read';
import { FeedStamper } from './feed-stamp';
import { claimForwards, finishForward } from './forwards';
import { GroupCommit } from './group-commit';
import { enforceRetention } from './retention';
import { FULL_COLUMNS, type FullRow, toStored } from './rows';
import * as tokens from './tokens';

/** How often each relay stamps feed rows a killed relay (or a failed stamp) left without a position. */
const SWEEP_MS = 1_000;

/** The relay's store on PostgreSQL: several relay processes share one database through it. */
export class PostgresRelayStore implements RelayStore {
  readonly kind = 'postgres';
  private readonly group = new GroupCommit((events) => storeEvents(this.pool, events, this.clock.now()));
  private readonly stamper: FeedStamper;

  /** Every relay process claims due forwards through the database (FOR UPDATE SKIP LOCKED and a lease). */
  readonly forwardQueue: RelayForwardQueue = {
    claimForwards: async (claim) => {
      const jobs = await claimForwards(this.pool, claim);
      // Not for an empty claim: the forwarder claims when the doorbell rings.
      if (jobs.length > 0) await this.published();
      return jobs;
    },
    finishForward: async (job, result, at) => {
      const held = await finishForward(this.pool, job.lease, result, at);
      await this.published();
      return held;
    },
  };

  constructor(
    private readonly pool: pg.Pool,
    private readonly doorbell: Doorbell,
    private readonly clock: Clock,
  ) {
    this.stamper = new FeedStamper(pool);
    this.stamper.sweep(SWEEP_MS, () => doorbell.ring());
  }

  /**
   * After a write committed: waits for its feed rows to get positions, so the caller's next feed
   * read has them, and rings this process's readers. A failed stamp is not the write's failure (it
   * is stored; the sweep stamps it).
   */
  private async published(): Promise<void> {
    await this.stamper.stamp().catch(() => undefined);
    this.doorbell.ring();
  }

  listEndpoints(): Promise<EndpointWithSecrets[]> {
    return endpoints.listEndpoints(this.pool);
  }

  getEndpoint(id: string): Promise<EndpointWithSecrets | null> {
    return endpoints.getEndpoint(this.pool, id);
  }

  async createEndpoint(row: NewEndpointRow): Promise<void> {
    await endpoints.createEndpoint(this.pool, row, this.clock.now());
    await this.published();
  }

  async updateEndpoint(id: string, patch: EndpointPatch): Promise<void> {
    await endpoints.updateEndpoint(this.pool, id, patch, this.clock.now());
    await this.published();
  }

  async deleteEndpoint(id: string, purgeEvents: boolean): Promise<number> {
    const deleted = await endpoints.deleteEndpoint(this.pool, id, purgeEvents, this.clock.now());
    await this.published();
    return deleted;
  }

  /**
   * One transaction for the whole batch; resolves only after COMMIT (and the stamp that puts it on
   * the feed), rejects with nothing stored.
   */
  async commit(batch: NewEvent[]): Promise<number[]> {
    if (batch.length === 0) return [];
    const seqs = await this.group.commit(batch);
    await this.published();
    return seqs;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const { rows } = await run<FullRow>(this.pool, `SELECT ${FULL_COLUMNS} FROM events WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? toStored(row) : null;
  }

  async events(after: number, limit: number, maxBytes: number): Promise<RelayEventsPage> {
    // One more row than asked tells whether another page exists; bodies bound the page as the feed's do.
    const { rows } = await run<FullRow>(
      this.pool,
      `SELECT ${FULL_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit + 1],
    );
    return boundedEventsPage(rows.map(toStored), after, limit, maxBytes);
  }

  feed(after: number, limit: number, maxBytes: number): Promise<RelayFeedPage> {
    return readFeed(this.pool, after, limit, maxBytes);
  }

  /**
   * The highest feed id handed out: never lower than any id a reader was given, even after the
   * newest items went with their events (a purge, retention), so a cursor is never taken for one
   * from another relay. It may count ids of transactions still open or rolled back (gaps).
   */
  async feedHead(): Promise<number> {
    const { rows } = await run<{ head: number }>(
      this.pool,
      'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS head FROM relay_feed_id_seq',
    );
    return rows[0]?.head ?? 0;
  }

  /**
   * Always 0: the PostgreSQL feed is never trimmed on its own. Items go only with their events
   * (retention, purges), and a reader passes over a deleted event on any store, as on SQLite.
   */
  async feedFloor(): Promise<number> {
    return 0;
  }

  async ack(
    ids: string[],
    by: string,
    outcome: AckOutcome,
    note: string | null,
    at: number,
  ): Promise<AckResult[]> {
    const results = await inTransaction(this.pool, async (client) => {
      // A second ack finds acked_at set and changes nothing: the first actor and time stay.
      const acked = await client.query<{ id: string }>(
        `UPDATE events SET acked_at = $1, acked_by = $2, ack_outcome = $3, note = $4,
           claimed_by = NULL, claim_session = NULL, claim_until = NULL
         WHERE id = ANY($5::text[]) AND acked_at IS NULL RETURNING id`,
        [at, by, outcome, note, ids],
      );
      const found = await client.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::text[])', [
        ids,
      ]);
      const fresh = new Set(acked.rows.map((r) => r.id));
      const exists = new Set(found.rows.map((r) => r.id));
      const out = ids.map((id): AckResult => {
        if (fresh.delete(id)) return 'acked';
        return exists.has(id) ? 'already_acked' : 'not_found';
      });
      await appendFeed(
        client,
        changedItems(ids, out, (r) => r === 'acked', at),
      );
      return out;
    });
    await this.published();
    return results;
  }

  async unack(ids: string[]): Promise<boolean[]> {
    return this.updateEvents(
      ids,
      `UPDATE events SET acked_at = NULL, acked_by = NULL, ack_outcome = NULL
       WHERE id = ANY($1::text[]) AND acked_at IS NOT NULL RETURNING id`,
      [ids],
      this.clock.now(),
    );
  }

  async claim(
    ids: string[],
    holder: ClaimHolder,
    seconds: number,
  ): Promise<{ claimed: boolean[]; until: number }> {
    const now = this.clock.now();
    const until = now + seconds * 1000;
    // Rows locked in id order first, so two overlapping claims cannot deadlock; then one conditional
    // UPDATE: a row another session holds (a live claim) or an acked one is not matched.
    const claimed = await this.updateEvents(
      ids,
      `UPDATE events SET claimed_by = $1, claim_session = $2, claim_until = $3
       WHERE id = ANY($4::text[]) AND acked_at IS NULL
         AND (claim_until IS NULL OR claim_until <= $5 OR claim_session = $2)
       RETURNING id`,
      [holder.by, holder.session, until, ids, now],
      now,
      'SELECT 1 FROM events WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    );
    return { claimed, until };
  }

  async release(ids: string[], session: string): Promise<boolean[]> {
    return this.updateEvents(
      ids,
      `UPDATE events SET claimed_by = NULL, claim_session = NULL, claim_until = NULL
       WHERE id = ANY($1::text[]) AND claim_session = $2 RETURNING id`,
      [ids, session],
      this.clock.now(),
    );
  }

  /**
   * Runs one UPDATE … RETURNING id over `ids` (after an optional locking statement on them) and
   * adds a feed item for each event it changed, in one transaction; one boolean per id, in order.
   */
  private async updateEvents(
    ids: string[],
    sql: string,
    params: unknown[],
    at: number,
    lockFirst?: string,
  ): Promise<boolean[]> {
    const results = await inTransaction(this.pool, async (client) => {
      if (lockFirst) await client.query(lockFirst, [ids]);
      const changed = await client.query<{ id: string }>(sql, params);
      const fresh = new Set(changed.rows.map((r) => r.id));
      const out = ids.map((id) => fresh.delete(id));
      await appendFeed(
        client,
        changedItems(ids, out, (r) => r, at),
      );
      return out;
    });
    await this.published();
    return results;
  }

  async recordDelivery(delivery: RecordedDelivery, at: number): Promise<number | null> {
    const id = await inTransaction(this.pool, async (client) => {
      const stored = await insertDelivery(client, delivery, at);
      if (stored !== null)
        await appendFeed(client, [
          { kind: 'delivery.recorded', at, eventId: delivery.eventId, endpointId: null, deliveryId: stored },
        ]);
      return stored;
    });
    if (id !== null) await this.published();
    return id;
  }

  createToken(token: NewRelayToken): Promise<void> {
    return tokens.createToken(this.pool, token);
  }

  listTokens(): Promise<RelayToken[]> {
    return tokens.listTokens(this.pool);
  }

  revokeToken(idOrName: string, at: number): Promise<boolean> {
    return tokens.revokeToken(this.pool, idOrName, at);
  }

  useToken(hash: string, at: number): Promise<RelayToken | null> {
    return tokens.useToken(this.pool, hash, at);
  }

  enforceRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult | null> {
    return enforceRetention(this.pool, policy, now);
  }

  onChange(listener: () => void): () => void {
    return this.doorbell.add(listener);
  }

  async close(): Promise<void> {
    await this.stamper.stop();
    await this.doorbell.close();
    await this.pool.end();
  }
}

/** One `event.updated` feed item per id whose state changed. */
function changedItems<R>(ids: string[], results: R[], changed: (r: R) => boolean, at: number) {
  return ids
    .filter((_, i) => {
      const result = results[i];
      return result !== undefined && changed(result);
    })
    .map((id) => ({ kind: 'event.updated' as const, at, eventId: id, endpointId: null }));
}
