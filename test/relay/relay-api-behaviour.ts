import { expect, it } from 'vitest';
import type { RelayWireEndpoint, RelayWireFeedPage } from '../../shared/relay-wire';
import type { EventSummary } from '../../shared/types';
import { createdEvents, readWholeFeed, relayCall } from './relay-client';
import { type RelayStoreHarness, useRelays } from './relay-harness';

/** What members see through /api/relay/v1: the feed, long-polls, endpoints, acks, tokens. */
export function describeApiBehaviour(harness: RelayStoreHarness): void {
  const { start, createEndpoint, post } = useRelays(harness);

  it('feeds every event once, in order, resumable from any cursor, in bounded pages', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'order' });
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(r, endpoint.id, `{"n":${i}}`, { 'content-type': 'application/json' });
      sent.push((JSON.parse(res.text) as { event_id: string }).event_id);
    }
    // A burst at once: group-committed together, still each exactly once.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => post(r, endpoint.id, `{"b":${i}}`)));
    expect(burst.every((b) => b.status === 200)).toBe(true);

    const whole = await readWholeFeed(r.url, r.alice, 0, 7);
    expect(whole.pages).toBeGreaterThan(4);
    const ids = whole.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const events = createdEvents(whole.items);
    expect(events.map((e) => e.id).slice(0, 12)).toEqual(sent);
    expect(new Set(events.map((e) => e.id)).size).toBe(32);

    // Resuming from the middle gives exactly the rest.
    const middle = whole.items[10]?.id ?? 0;
    const rest = await readWholeFeed(r.url, r.alice, middle, 5);
    expect(rest.items.map((i) => i.id)).toEqual(ids.filter((id) => id > middle));
    // At the head: an empty page that keeps the cursor.
    const head = await relayCall<RelayWireFeedPage>(r.url, 'GET', `feed?after=${whole.next}`, r.alice);
    expect(head.body).toEqual({ items: [], next: whole.next, hasMore: false });
    // A cursor past the end (another relay's, or from before a reset) is refused, not waited on.
    const ahead = await relayCall<{ error: { code: string; head: number } }>(
      r.url,
      'GET',
      `feed?after=${whole.next + 1000}&wait=5`,
      r.alice,
    );
    expect([ahead.status, ahead.body.error.code, ahead.body.error.head]).toEqual([
      410,
      'cursor_ahead',
      whole.next,
    ]);
    // Out-of-bounds page sizes are refused, not silently cut.
    const tooMany = await relayCall(r.url, 'GET', 'feed?limit=5000', r.alice);
    expect(tooMany.status).toBe(400);
  });

  it('lists the events it holds by seq, byte-exact, in bounded pages (what a mirror whose cursor expired reads)', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'held' });
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(r, endpoint.id, `{"n":${i},"bytes":"\u00fc"}`);
      sent.push((JSON.parse(res.text) as { event_id: string }).event_id);
    }
    type Page = { events: { id: string; bodyBase64: string }[]; next: number; hasMore: boolean };
    const got: Page['events'] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = await relayCall<Page>(r.url, 'GET', `events?after=${after}&limit=2`, r.bob);
      expect(page.status).toBe(200);
      got.push(...page.body.events);
      pages++;
      after = page.body.next;
      if (!page.body.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(got.map((e) => e.id)).toEqual(sent);
    expect(Buffer.from(got[4]?.bodyBase64 ?? '', 'base64').toString()).toBe('{"n":4,"bytes":"\u00fc"}');
    // Past the end: an empty page that keeps the cursor.
    const end = await relayCall<Page>(r.url, 'GET', `events?after=${after}`, r.bob);
    expect(end.body).toEqual({ events: [], next: after, hasMore: false });
    expect((await relayCall(r.url, 'GET', 'events?limit=0', r.bob)).status).toBe(400);
  });

  it('wakes a long-poll when an event arrives', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'wake' });
    const { next } = await readWholeFeed(r.url, r.alice);
    const poll = relayCall<RelayWireFeedPage>(r.url, 'GET', `feed?after=${next}&wait=30`, r.bob);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = await post(r, endpoint.id, 'wake up');
    const page = await poll;
    expect(page.status).toBe(200);
    expect(createdEvents(page.body.items).map((e) => e.id)).toEqual([
      (JSON.parse(sent.text) as { event_id: string }).event_id,
    ]);
  }, 20_000);

  it('creates, lists, changes and deletes endpoints without ever showing a secret', async () => {
    const r = await start();
    const secret = 'whsec_never_shown_again';
    const created = await relayCall<{ endpoint: RelayWireEndpoint }>(r.url, 'POST', 'endpoints', r.alice, {
      label: 'crud',
      provider: 'github',
      secrets: [secret],
    });
    expect(created.status).toBe(201);
    const endpoint = created.body.endpoint;
    expect(endpoint.url).toBe(`https://hooks.example.test/h/${endpoint.id}`);
    expect(endpoint.secretCount).toBe(1);
    expect(endpoint.createdBy).toBe('relay:alice');
    const mine = await relayCall<{ endpoint: RelayWireEndpoint }>(r.url, 'POST', 'endpoints', r.alice, {
      id: 'desktopChoseThisId_0001',
      label: 'mirrored',
    });
    expect(mine.body.endpoint.id).toBe('desktopChoseThisId_0001');
    const taken = await relayCall<{ error: { code: string } }>(r.url, 'POST', 'endpoints', r.alice, {
      label: 'crud',
    });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict']);
    const bad = await relayCall<{ error: { code: string; field?: string } }>(
      r.url,
      'POST',
      'endpoints',
      r.alice,
      {
        label: 'x',
        provider: 'nope',
      },
    );
    expect([bad.status, bad.body.error.field]).toEqual([400, 'provider']);

    const listed = await relayCall<{ endpoints: RelayWireEndpoint[] }>(r.url, 'GET', 'endpoints', r.bob);
    expect(listed.body.endpoints.map((e) => e.label).sort()).toEqual(['crud', 'mirrored']);

    const paused = await relayCall<{ endpoint: RelayWireEndpoint }>(
      r.url,
      'PATCH',
      `endpoints/${endpoint.id}`,
      r.alice,
      {
        label: 'crud-renamed',
        paused: true,
      },
    );
    expect(paused.body.endpoint).toMatchObject({ label: 'crud-renamed', paused: true, secretCount: 1 });
    expect((await post(r, endpoint.id, 'while paused')).status).toBe(503);
    const archived = await relayCall<{ endpoint: RelayWireEndpoint }>(
      r.url,
      'PATCH',
      `endpoints/${endpoint.id}`,
      r.alice,
      { paused: false, archived: true },
    );
    expect(archived.body.endpoint).toMatchObject({ paused: false, archived: true });
    const unknownField = await relayCall<{ error: { field?: string } }>(
      r.url,
      'PATCH',
      `endpoints/${endpoint.id}`,
      r.alice,
      {
        colour: 'red',
      },
    );
    expect([unknownField.status, unknownField.body.error.field]).toEqual([400, 'colour']);
    expect((await post(r, endpoint.id, 'resumed')).status).toBe(200);

    const feed = await readWholeFeed(r.url, r.alice);
    const changes = feed.items.filter((i) => i.kind === 'endpoint.changed' && i.endpointId === endpoint.id);
    expect(changes.length).toBeGreaterThanOrEqual(3);

    const removed = await relayCall<{ eventsDeleted: number }>(
      r.url,
      'DELETE',
      `endpoints/${endpoint.id}?purge=1`,
      r.alice,
    );
    expect(removed.body.eventsDeleted).toBe(1);
    expect((await post(r, endpoint.id, 'gone')).status).toBe(404);
    const after = await readWholeFeed(r.url, r.alice, feed.next);
    expect(after.items).toContainEqual(
      expect.objectContaining({ kind: 'endpoint.changed', endpointId: endpoint.id, endpoint: null }),
    );
    expect((await relayCall(r.url, 'DELETE', `endpoints/${endpoint.id}`, r.alice)).status).toBe(404);

    // Not in any answer: creation, list, patch, feed.
    const everything = JSON.stringify([created.body, listed.body, paused.body, feed.items, after.items]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('"secrets"');
  });

  it('records acks and unacks as feed items under the member (and the actor it names)', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'acks' });
    const first = JSON.parse((await post(r, endpoint.id, 'one')).text) as { event_id: string };
    const second = JSON.parse((await post(r, endpoint.id, 'two')).text) as { event_id: string };
    const { next } = await readWholeFeed(r.url, r.alice);

    const acked = await relayCall<{ results: { eventId: string; result: string }[] }>(
      r.url,
      'POST',
      'events/ack',
      r.alice,
      {
        ids: [first.event_id, second.event_id, 'evt_unknown'],
        outcome: 'done',
        note: 'handled',
        actor: 'claude-code',
      },
    );
    expect(acked.body.results.map((x) => x.result)).toEqual(['acked', 'acked', 'not_found']);
    const again = await relayCall<{ results: { result: string }[] }>(r.url, 'POST', 'events/ack', r.alice, {
      ids: [first.event_id],
    });
    expect(again.body.results[0]?.result).toBe('already_acked');
    const unacked = await relayCall<{ results: { eventId: string; unacked: boolean }[] }>(
      r.url,
      'POST',
      'events/unack',
      r.alice,
      {
        ids: [second.event_id, second.event_id],
      },
    );
    expect(unacked.body.results.map((x) => x.unacked)).toEqual([true, false]);

    const updates = (await readWholeFeed(r.url, r.alice, next)).items.flatMap((i) =>
      i.kind === 'event.updated' ? [i.event] : [],
    );
    const byEvent = (id: string) => updates.filter((e: EventSummary) => e.id === id);
    expect(byEvent(first.event_id).at(-1)).toMatchObject({
      ackedBy: 'alice/claude-code',
      ackOutcome: 'done',
      note: 'handled',
    });
    expect(byEvent(second.event_id).length).toBeGreaterThanOrEqual(2);
    expect(byEvent(second.event_id).at(-1)).toMatchObject({ ackedAt: null, ackedBy: null });
  });

  it('needs a live token for every API call; a read-only token may only read', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'tokens' });
    const eventId = (JSON.parse((await post(r, endpoint.id, 'x')).text) as { event_id: string }).event_id;
    const reads = ['whoami', 'feed', `events/${eventId}`, 'endpoints'];
    const writes: [string, string, unknown][] = [
      ['POST', 'endpoints', { label: 'nope' }],
      ['PATCH', `endpoints/${endpoint.id}`, { paused: true }],
      ['DELETE', `endpoints/${endpoint.id}`, undefined],
      ['POST', 'events/ack', { ids: [eventId] }],
      ['POST', 'events/unack', { ids: [eventId] }],
    ];
    for (const path of reads) {
      expect((await relayCall(r.url, 'GET', path, null)).status).toBe(401);
      expect((await relayCall(r.url, 'GET', path, 'hlr_not-a-real-token')).status).toBe(401);
      expect((await relayCall(r.url, 'GET', path, r.bob)).status).toBe(200);
    }
    for (const [method, path, body] of writes) {
      const res = await relayCall<{ error: { code: string } }>(r.url, method, path, r.bob, body);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'read_only']);
      expect((await relayCall(r.url, method, path, null, body)).status).toBe(401);
    }
    const whoami = await relayCall<{ member: string; readOnly: boolean; relay: { store: string } }>(
      r.url,
      'GET',
      'whoami',
      r.bob,
    );
    expect(whoami.body).toMatchObject({ member: 'bob', readOnly: true, relay: { store: r.store.kind } });
    // The read-only token changed nothing.
    expect((await post(r, endpoint.id, 'still open')).status).toBe(200);

    expect(await r.store.revokeToken('alice', Date.now())).toBe(true);
    expect((await relayCall(r.url, 'GET', 'whoami', r.alice)).status).toBe(401);
    const listed = await r.store.listTokens();
    expect(listed.find((t) => t.name === 'alice')?.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(r.alice);
    // The receiver paths stay open without a token.
    expect((await post(r, endpoint.id, 'no token needed')).status).toBe(200);
  });
}
