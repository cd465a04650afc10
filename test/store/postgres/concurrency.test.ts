import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RETENTION_LOCK } from '../../../electron/store/postgres/locks';
import { SCHEMA_VERSION } from '../../../electron/store/postgres/migrations';
import { newEvent } from '../../helpers/new-event';
import { usePostgresDatabases } from './fixtures';

const { newDatabase, stores } = usePostgresDatabases();

describe('PostgreSQL relay store with several relay processes', () => {
  it('migrates once when several relays start at once', async () => {
    const url = await newDatabase();
    const [a, b] = await stores(url, 4);
    await a?.commit([newEvent('ep', '{}')]);
    expect((await b?.feed(0, 10, 1000))?.items).toHaveLength(1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM hookline_schema ORDER BY version');
    await client.end();
    // Each migration recorded once, though four relays ran them at the same moment.
    expect(rows).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
  });

  it('never lets a reader pass a feed id that becomes visible later (concurrent writers, a tailing reader)', async () => {
    const url = await newDatabase();
    const [reader, ...writers] = await stores(url, 5);
    if (!reader) throw new Error('no reader');
    let writing = true;
    const tailed: number[] = [];
    const tail = (async () => {
      let after = 0;
      for (;;) {
        const done = !writing;
        const page = await reader.feed(after, 50, 1 << 30);
        for (const item of page.items) tailed.push(item.id);
        after = page.next;
        if (done && !page.hasMore) return;
      }
    })();
    const acked: string[] = [];
    await Promise.all(
      writers.map(async (store, w) => {
        for (let round = 0; round < 40; round++) {
          const batch = Array.from({ length: 1 + ((round * 7 + w) % 9) }, () =>
            newEvent(`ep${w}`, 'x'.repeat(200 + ((round * 131) % 5000))),
          );
          await store.commit(batch);
          if (round % 5 === 0 && batch[0]) {
            await store.ack([batch[0].id], `writer${w}`, 'done', null, Date.now());
            acked.push(batch[0].id);
          }
        }
      }),
    );
    writing = false;
    await tail;
    const all = (await reader.feed(0, 100_000, 2 ** 40)).items.map((i) => i.id);
    // Everything that exists was seen by the tailing reader, in id order: no gap was filled later.
    expect(tailed).toEqual(all);
    expect(all.length).toBeGreaterThan(4 * 40);
    expect(new Set(all).size).toBe(all.length);
  }, 120_000);

  it('trims once across relays: a relay skips (null) while another holds the retention run', async () => {
    const url = await newDatabase();
    const [a, b] = await stores(url, 2);
    if (!a || !b) throw new Error('no stores');
    const events = Array.from({ length: 30 }, (_, i) => newEvent('ep', `{"n":${i}}`));
    await a.commit(events);
    await a.ack(
      events.map((e) => e.id),
      'alice',
      'done',
      null,
      Date.now(),
    );
    const policy = { maxEventsPerEndpoint: 10, maxUntrustedPerEndpoint: 10, maxAgeMs: null };
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(${RETENTION_LOCK})`);
    expect(await b.enforceRetention(policy, Date.now())).toBeNull();
    await holder.query('COMMIT');
    await holder.end();
    const results = await Promise.all([
      a.enforceRetention(policy, Date.now()),
      b.enforceRetention(policy, Date.now()),
    ]);
    // Each event was deleted by exactly one of them (or one skipped): twenty in all, never forty.
    expect(results.reduce((sum, r) => sum + (r?.deleted ?? 0), 0)).toBe(20);
    const left = (await a.feed(0, 1000, 1 << 30)).items.filter((i) => i.kind === 'event.created');
    expect(left.map((i) => (i.kind === 'event.created' ? i.event.id : ''))).toEqual(
      events.slice(20).map((e) => e.id),
    );
  });

  it('applies the retention policy as SQLite does: junk on its own budget, pending trusted events kept and reported', async () => {
    const url = await newDatabase();
    const [store] = await stores(url, 1);
    if (!store) throw new Error('no store');
    const invalid = { status: 'invalid', reason: 'bad signature' } as const;
    const trusted = Array.from({ length: 6 }, () => newEvent('ep', '{}'));
    const junk = Array.from({ length: 5 }, () =>
      newEvent('ep', '{}', { verification: { ...newEvent('ep', '').verification, ...invalid } }),
    );
    await store.commit([...trusted, ...junk]);
    await store.ack(
      trusted.slice(0, 2).map((e) => e.id),
      'alice',
      'done',
      null,
      Date.now(),
    );
    const result = await store.enforceRetention(
      { maxEventsPerEndpoint: 3, maxUntrustedPerEndpoint: 2, maxAgeMs: null },
      Date.now(),
    );
    // Two acked trusted go (the four pending stay, one over budget), three junk go.
    expect(result).toEqual({
      deleted: 5,
      deletedUntrusted: 3,
      deletedPending: 0,
      keptOverLimit: [{ endpointId: 'ep', count: 1 }],
    });
    for (const e of trusted.slice(0, 2)) expect(await store.getEvent(e.id)).toBeNull();
    for (const e of trusted.slice(2)) expect(await store.getEvent(e.id)).not.toBeNull();
    for (const e of junk.slice(3)) expect(await store.getEvent(e.id)).not.toBeNull();
  });
});
