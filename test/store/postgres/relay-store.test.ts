import { describe, expect, it } from 'vitest';
import type { RelayFeedItem, RelayStore } from '../../../electron/core/relay-ports';
import { endpointRow } from '../../helpers/endpoint-row';
import { newEvent } from '../../helpers/new-event';
import { usePostgresStores } from './fixtures';

const freshStore = usePostgresStores();

async function allItems(store: RelayStore): Promise<RelayFeedItem[]> {
  const page = await store.feed(0, 1_000, 1 << 30);
  return page.items;
}

describe('PostgreSQL relay store', () => {
  it('stores an event byte-exact: binary body, headers in order with duplicates, every field', async () => {
    const store = await freshStore();
    const endpoint = endpointRow('binary');
    await store.createEndpoint(endpoint);
    const body = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const event = newEvent(endpoint.id, '', {
      body,
      method: 'PUT',
      path: '/deep/path',
      query: 'a=1&a=2&b=%00',
      headers: [
        ['X-Twice', 'first'],
        ['content-type', 'application/octet-stream'],
        ['X-Twice', 'second'],
        ['x-latin1', 'caf\u00e9 "quoted" \\ back'],
      ],
      contentType: 'application/octet-stream',
      provider: 'stripe',
      providerEventId: 'evt_1',
      providerEventType: 'invoice.paid',
      providerEventSource: 'urn:source',
      handshake: 'slack.url_verification',
      responseStatus: 202,
      truncated: true,
    });
    const [seq] = await store.commit([event]);
    const stored = await store.getEvent(event.id);
    expect(stored).not.toBeNull();
    expect(Buffer.from(stored?.body ?? []).equals(body)).toBe(true);
    expect(stored?.headers).toEqual(event.headers);
    expect(stored).toMatchObject({
      seq,
      id: event.id,
      endpointId: endpoint.id,
      receivedAt: event.receivedAt,
      method: 'PUT',
      path: '/deep/path',
      query: 'a=1&a=2&b=%00',
      bodySize: 4096,
      truncated: true,
      contentType: 'application/octet-stream',
      remoteAddr: '127.0.0.1',
      provider: 'stripe',
      providerEventId: 'evt_1',
      providerEventType: 'invoice.paid',
      providerEventSource: 'urn:source',
      duplicateOf: null,
      handshake: 'slack.url_verification',
      verification: event.verification,
      responseStatus: 202,
      ackedAt: null,
      ackedBy: null,
      ackOutcome: null,
      note: null,
      importedFrom: null,
      forward: null,
    });
    const [created] = (await allItems(store)).filter((i) => i.kind === 'event.created');
    expect(created?.kind === 'event.created' && Buffer.from(created.event.body).equals(body)).toBe(true);
  });

  it('keeps a payload NUL out of text columns without losing the event (the body stays exact)', async () => {
    const store = await freshStore();
    const body = Buffer.from('{"id":"a\\u0000b"}');
    const event = newEvent('ep', '', { body, providerEventId: 'a\u0000b' });
    await store.commit([event]);
    const stored = await store.getEvent(event.id);
    expect(Buffer.from(stored?.body ?? []).equals(body)).toBe(true);
    expect(stored?.providerEventId).toBe('a\uFFFDb');
  });

  it('links duplicates to the first event with the same provider event id, within a batch and across batches', async () => {
    const store = await freshStore();
    const a = newEvent('ep', '{}', { providerEventId: 'evt_dup' });
    const b = newEvent('ep', '{}', { providerEventId: 'evt_dup' });
    const other = newEvent('ep2', '{}', { providerEventId: 'evt_dup' });
    await store.commit([a, b, other]);
    const c = newEvent('ep', '{}', { providerEventId: 'evt_dup' });
    await store.commit([c]);
    expect((await store.getEvent(a.id))?.duplicateOf).toBeNull();
    expect((await store.getEvent(b.id))?.duplicateOf).toBe(a.id);
    expect((await store.getEvent(other.id))?.duplicateOf).toBeNull();
    expect((await store.getEvent(c.id))?.duplicateOf).toBe(a.id);
  });

  it('gives auto-forwarded events a pending forward only when their endpoint forwards', async () => {
    const store = await freshStore();
    const forwarding = endpointRow('fwd', { forwardUrl: 'http://127.0.0.1:1/' });
    await store.createEndpoint(forwarding);
    const live = newEvent(forwarding.id, '{}');
    const imported = newEvent(forwarding.id, '{}', { forward: false, importedFrom: 'file.har' });
    const elsewhere = newEvent('no-such-endpoint', '{}');
    await store.commit([live, imported, elsewhere]);
    expect((await store.getEvent(live.id))?.forward).toEqual({
      stage: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      reason: null,
    });
    expect((await store.getEvent(imported.id))?.forward).toBeNull();
    expect((await store.getEvent(imported.id))?.importedFrom).toBe('file.har');
    expect((await store.getEvent(elsewhere.id))?.forward).toBeNull();
  });

  it('rejects a failing batch with nothing stored and no feed item', async () => {
    const store = await freshStore();
    const first = newEvent('ep', '{}');
    await store.commit([first]);
    const head = await store.feedHead();
    const fresh = newEvent('ep', '{}');
    // The same id twice violates the primary key: the whole batch must go.
    await expect(store.commit([fresh, { ...first }])).rejects.toThrow();
    expect(await store.getEvent(fresh.id)).toBeNull();
    expect(await store.feedHead()).toBe(head);
  });

  it('commits concurrent batches as groups: each resolves with its own seqs, in order, once stored', async () => {
    const store = await freshStore();
    const batches = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, j) => newEvent('ep', `{"batch":${i},"n":${j}}`)),
    );
    const seqs = await Promise.all(batches.map((batch) => store.commit(batch)));
    for (const [i, batch] of batches.entries()) {
      const mine = seqs[i] ?? [];
      expect(mine).toHaveLength(batch.length);
      for (const [j, event] of batch.entries()) expect((await store.getEvent(event.id))?.seq).toBe(mine[j]);
      expect([...mine].sort((a, b) => a - b)).toEqual(mine);
    }
    expect(new Set(seqs.flat()).size).toBe(seqs.flat().length);
  });

  it('pages the feed by limit and by body bytes, always at least one item, and resumes from next', async () => {
    const store = await freshStore();
    const events = Array.from({ length: 7 }, (_, i) => newEvent('ep', 'x'.repeat(1000 * (i + 1))));
    await store.commit(events);
    const byLimit = await store.feed(0, 3, 1 << 30);
    expect(byLimit.items).toHaveLength(3);
    expect(byLimit.hasMore).toBe(true);
    expect(byLimit.next).toBe(byLimit.items[2]?.id);
    // 1000 + 2000 fit in 3500; the third (3000) would not.
    const byBytes = await store.feed(0, 100, 3500);
    expect(byBytes.items.map((i) => (i.kind === 'event.created' ? i.event.bodySize : -1))).toEqual([
      1000, 2000,
    ]);
    expect(byBytes.hasMore).toBe(true);
    const oversized = await store.feed(byBytes.next, 100, 10);
    expect(oversized.items).toHaveLength(1);
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = await store.feed(after, 2, 1 << 30);
      for (const item of page.items) if (item.kind === 'event.created') seen.push(item.event.id);
      after = page.next;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(events.map((e) => e.id));
    const empty = await store.feed(after, 10, 1000);
    expect(empty).toEqual({ items: [], next: after, hasMore: false });
    expect(await store.feedHead()).toBe(after);
  });

  it('never moves the feed head back below a cursor it handed out, when the newest items go with their events', async () => {
    const store = await freshStore();
    const junk = Array.from({ length: 3 }, () =>
      newEvent('ep', '{}', {
        verification: { ...newEvent('ep', '').verification, status: 'invalid', reason: 'bad signature' },
      }),
    );
    await store.commit(junk);
    const page = await store.feed(0, 100, 1 << 20);
    expect(page.items).toHaveLength(3);
    await store.enforceRetention(
      { maxEventsPerEndpoint: 10, maxUntrustedPerEndpoint: 0, maxAgeMs: null },
      Date.now(),
    );
    expect((await store.feed(0, 100, 1 << 20)).items).toEqual([]);
    // A desktop at page.next is not "ahead of the relay": the head still covers it.
    expect(await store.feedHead()).toBeGreaterThanOrEqual(page.next);
  });

  it('acks as SQLite does: a second ack keeps the first actor; unack returns to pending; each change is a feed item', async () => {
    const store = await freshStore();
    const a = newEvent('ep', '{}');
    const b = newEvent('ep', '{}');
    await store.commit([a, b]);
    const head = await store.feedHead();
    expect(await store.ack([a.id, 'evt_missing', a.id], 'alice', 'done', 'looked at it', 1000)).toEqual([
      'acked',
      'not_found',
      'already_acked',
    ]);
    expect(await store.ack([a.id, b.id], 'bob', 'ignored', null, 2000)).toEqual(['already_acked', 'acked']);
    expect(await store.getEvent(a.id)).toMatchObject({
      ackedAt: 1000,
      ackedBy: 'alice',
      ackOutcome: 'done',
      note: 'looked at it',
    });
    const updates = (await store.feed(head, 100, 1000)).items;
    expect(updates.map((i) => i.kind)).toEqual(['event.updated', 'event.updated']);
    expect(await store.unack([a.id, a.id, 'evt_missing'])).toEqual([true, false, false]);
    expect(await store.unack([a.id])).toEqual([false]);
    const last = (await store.feed(head, 100, 1000)).items.at(-1);
    expect(last?.kind === 'event.updated' && last.event).toMatchObject({
      id: a.id,
      ackedAt: null,
      ackedBy: null,
    });
  });
});
