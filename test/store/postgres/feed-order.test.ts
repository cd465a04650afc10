import { spawn } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RelayFeedItem, RelayStore } from '../../../electron/core/relay-ports';
import { createPool } from '../../../electron/store/postgres/connection';
import { FEED_LOCK } from '../../../electron/store/postgres/locks';
import { migrate } from '../../../electron/store/postgres/migrations';
import { newEvent } from '../../helpers/new-event';
import { usePostgresDatabases } from './fixtures';

const { newDatabase, stores } = usePostgresDatabases();

/** A follower as a mirroring desktop is: pages from its cursor, checking what a desktop relies on. */
class Follower {
  after = 0;
  readonly items: RelayFeedItem[] = [];
  constructor(private readonly store: RelayStore) {}

  /** Reads until the feed has nothing more; every item must lie above the cursor it had passed. */
  async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.feed(this.after, 37, 1 << 30);
      for (const item of page.items) {
        expect(item.id).toBeGreaterThan(this.after);
        this.after = item.id;
        this.items.push(item);
      }
      expect(page.next).toBe(this.after);
      if (!page.hasMore) return;
    }
  }

  /** How often each event id arrived as `event.created`. */
  created(): Map<string, number> {
    const seen = new Map<string, number>();
    for (const item of this.items)
      if (item.kind === 'event.created') seen.set(item.event.id, (seen.get(item.event.id) ?? 0) + 1);
    return seen;
  }
}

/** Catches up until `count` events have arrived (the sweep stamps what a killed relay left), or 20 s. */
async function followUntil(follower: Follower, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await follower.catchUp();
    if (follower.created().size >= count || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SQL for one event row and its feed row without a position, as a relay's ingest transaction writes them. */
function rawIngest(id: string): { text: string; values: unknown[] } {
  const event = newEvent('ep-raw', '{}', { id });
  return {
    text: `WITH e AS (
        INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size, truncated,
          verification_status, verification, response_status)
        VALUES ($1, 'ep-raw', $2, 'POST', '/', '', '[]', '\\x7b7d', 2, false, 'unsigned', $3::json, 200) RETURNING id)
      INSERT INTO relay_feed (kind, at, event_id, endpoint_id) SELECT 'event.created', $2, id, 'ep-raw' FROM e`,
    values: [id, event.receivedAt, JSON.stringify(event.verification)],
  };
}

describe('PostgreSQL relay feed across relay processes', () => {
  it('shows a follower every item once, in order, while two relays commit at once', async () => {
    const url = await newDatabase();
    const [a, b, reader] = await stores(url, 3);
    if (!a || !b || !reader) throw new Error('no stores');
    const follower = new Follower(reader);
    let writing = true;
    const following = (async () => {
      while (writing) {
        await follower.catchUp();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const acknowledged: string[] = [];
    const acked: string[] = [];
    await Promise.all(
      [a, b].map(async (store, w) => {
        // Several batches in flight per relay, as the receiver's group commit makes them.
        await Promise.all(
          Array.from({ length: 4 }, async (_, lane) => {
            for (let round = 0; round < 15; round++) {
              const batch = Array.from({ length: 1 + ((round + lane + w) % 6) }, () =>
                newEvent(`ep${w}`, 'x'.repeat(100 + ((round * 97) % 3000))),
              );
              await store.commit(batch);
              acknowledged.push(...batch.map((e) => e.id));
              const first = batch[0];
              if (round % 4 === 0 && first) {
                await store.ack([first.id], `writer${w}`, 'done', null, Date.now());
                acked.push(first.id);
              }
            }
          }),
        );
      }),
    );
    writing = false;
    await following;
    // Every commit resolved after its stamp: one more read finds everything.
    await follower.catchUp();
    const created = follower.created();
    expect(created.size).toBe(acknowledged.length);
    for (const id of acknowledged) expect(created.get(id)).toBe(1);
    const updated = follower.items.filter((i) => i.kind === 'event.updated').map((i) => i.event.id);
    expect(updated.sort()).toEqual([...acked].sort());
    // An ack comes after the event it acks (it could only be made once the event was stored).
    const position = new Map(follower.items.map((item, i) => [`${item.kind}:${eventOf(item)}`, i]));
    for (const id of acked)
      expect(position.get(`event.updated:${id}`)).toBeGreaterThan(position.get(`event.created:${id}`) ?? -1);
    // A desktop starting from 0 now reads the very same sequence.
    const fresh = new Follower(reader);
    await fresh.catchUp();
    expect(fresh.items.map((i) => i.id)).toEqual(follower.items.map((i) => i.id));
  }, 120_000);

  it("lets a relay commit and publish while another relay's transaction is open; the open one's items come after, once committed", async () => {
    const url = await newDatabase();
    const [b, reader] = await stores(url, 2);
    if (!b || !reader) throw new Error('no stores');
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const raw = rawIngest('ev_slow');
      await slow.query(raw.text, raw.values);
      // The slow relay's transaction is open: the other relay neither waits for it nor hides behind it.
      const quick = newEvent('ep', '{"quick":true}');
      await b.commit([quick]);
      const follower = new Follower(reader);
      await follower.catchUp();
      expect([...follower.created().keys()]).toEqual([quick.id]);
      const passed = follower.after;
      await slow.query('COMMIT');
      await followUntil(follower, 2);
      // The late commit got a position above the cursor the follower had already passed.
      expect([...follower.created().keys()]).toEqual([quick.id, 'ev_slow']);
      expect(follower.items.at(-1)?.id).toBeGreaterThan(passed);
    } finally {
      await slow.end();
    }
  }, 60_000);

  it('loses nothing when a relay is SIGKILLed mid-stamp: nothing half-stamped, another relay stamps what it left', async () => {
    const url = await newDatabase();
    const [a, reader] = await stores(url, 2);
    if (!a || !reader) throw new Error('no stores');
    const follower = new Follower(reader);
    const before = newEvent('ep', '{"before":true}');
    await a.commit([before]);
    await follower.catchUp();
    // A relay process: its ingest commits (those requests were answered 2xx) while it holds the
    // feed lock for its stamp, which has positioned one row when the process is killed.
    const ids = ['ev_killed_1', 'ev_killed_2', 'ev_killed_3'];
    const ingests = ids.map(rawIngest);
    const script = `
      const pg = require('pg');
      (async () => {
        const stamp = new pg.Client({ connectionString: ${JSON.stringify(url)} });
        const ingest = new pg.Client({ connectionString: ${JSON.stringify(url)} });
        await stamp.connect();
        await ingest.connect();
        await stamp.query('BEGIN');
        await stamp.query('SELECT pg_advisory_xact_lock(${FEED_LOCK})');
        for (const q of ${JSON.stringify(ingests)}) await ingest.query(q.text, q.values);
        const r = await stamp.query("UPDATE relay_feed SET id = nextval('relay_feed_id_seq') WHERE entry = (SELECT min(entry) FROM relay_feed WHERE id IS NULL)");
        if (r.rowCount !== 1) throw new Error('nothing to stamp');
        console.log('mid-stamp');
        setInterval(() => {}, 1000);
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('mid-stamp') && resolve());
        child.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
      });
      // Another relay commits meanwhile: stored at once, published once the lock is free.
      const during = newEvent('ep', '{"during":true}');
      const committing = a.commit([during]);
      child.kill('SIGKILL');
      await committing;
      await followUntil(follower, 5);
      const created = follower.created();
      for (const id of [before.id, during.id, ...ids]) expect(created.get(id)).toBe(1);
      expect(created.size).toBe(5);
      // The killed stamp left no position behind: every row has one now, each its own.
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query<{ unstamped: string; total: string; distinct: string }>(
        'SELECT count(*) FILTER (WHERE id IS NULL) AS unstamped, count(*) AS total, count(DISTINCT id) AS distinct FROM relay_feed',
      );
      await check.end();
      expect(rows[0]).toEqual({ unstamped: '0', total: '5', distinct: '5' });
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('migrates a feed written before stamping: its items keep their ids, new ones come after', async () => {
    const url = await newDatabase();
    const pool = createPool(url);
    await migrate(pool, 4);
    // As relays before schema 5 wrote: the feed id taken from the sequence in the writing transaction.
    for (const id of ['ev_old_1', 'ev_old_2']) {
      const raw = rawIngest(id);
      await pool.query(
        raw.text
          .replace('(kind, at,', '(id, kind, at,')
          .replace("SELECT 'event.created'", "SELECT nextval('relay_feed_id_seq'), 'event.created'"),
        raw.values,
      );
    }
    await pool.query(
      `INSERT INTO relay_feed (id, kind, at, event_id) VALUES (nextval('relay_feed_id_seq'), 'event.updated', 0, 'ev_old_1')`,
    );
    const { rows: old } = await pool.query<{ id: string }>('SELECT id FROM relay_feed ORDER BY id');
    await pool.end();
    const [store] = await stores(url, 1);
    if (!store) throw new Error('no store');
    const follower = new Follower(store);
    await follower.catchUp();
    expect(follower.items.map((i) => [i.id, i.kind, eventOf(i)])).toEqual([
      [Number(old[0]?.id), 'event.created', 'ev_old_1'],
      [Number(old[1]?.id), 'event.created', 'ev_old_2'],
      [Number(old[2]?.id), 'event.updated', 'ev_old_1'],
    ]);
    const next = newEvent('ep', '{}');
    await store.commit([next]);
    await follower.catchUp();
    expect(follower.items.at(-1)).toMatchObject({ kind: 'event.created', event: { id: next.id } });
    expect(follower.items.at(-1)?.id).toBeGreaterThan(Number(old[2]?.id));
    expect(await store.feedHead()).toBe(follower.after);
  }, 60_000);
});

function eventOf(item: RelayFeedItem): string | null {
  if (item.kind === 'event.created' || item.kind === 'event.updated') return item.event.id;
  return null;
}
