import { expect, it } from 'vitest';
import type { RelayWireClaimResults, RelayWireReleaseResults } from '../../shared/relay-wire';
import type { EventSummary } from '../../shared/types';
import { readWholeFeed, relayCall } from './relay-client';
import { type RelayStoreHarness, useRelays } from './relay-harness';

/** Claims decided by the relay: one holder at a time per event, a lapse or a release frees it. */
export function describeClaimBehaviour(harness: RelayStoreHarness): void {
  const { start, createEndpoint, post } = useRelays(harness);

  const claim = (url: string, token: string, body: unknown) =>
    relayCall<RelayWireClaimResults & { error: { code: string } }>(url, 'POST', 'events/claim', token, body);
  const release = (url: string, token: string, body: unknown) =>
    relayCall<RelayWireReleaseResults>(url, 'POST', 'events/release', token, body);

  it('gives each event to one holder at a time; a release or a lapse frees it; claims are feed items', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'claims' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (JSON.parse((await post(r, endpoint.id, `{"n":${i}}`)).text) as { event_id: string }).event_id,
      );
    const [one = '', two = '', three = ''] = ids;
    const { next } = await readWholeFeed(r.url, r.alice);

    const first = await claim(r.url, r.alice, {
      ids: [one, two],
      holder: 'laptop-a/s1',
      forSeconds: 60,
      actor: 'agent:claude',
    });
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { eventId: one, claimed: true },
      { eventId: two, claimed: true },
    ]);
    // Another holder is refused what is held, and gets the rest; unknown ids are refused.
    const second = await claim(r.url, r.alice, {
      ids: [one, two, three, 'evt_unknown'],
      holder: 'laptop-b/s2',
      forSeconds: 60,
    });
    expect(second.body.results.map((x) => x.claimed)).toEqual([false, false, true, false]);
    // The holder may extend its own claim.
    expect(
      (
        await claim(r.url, r.alice, {
          ids: [one],
          holder: 'laptop-a/s1',
          forSeconds: 120,
          actor: 'agent:claude',
        })
      ).body.results[0]?.claimed,
    ).toBe(true);

    // Releasing frees it for the other; a holder cannot release what it does not hold.
    expect(
      (await release(r.url, r.alice, { ids: [two, three], holder: 'laptop-a/s1' })).body.results,
    ).toEqual([
      { eventId: two, released: true },
      { eventId: three, released: false },
    ]);
    expect(
      (await claim(r.url, r.alice, { ids: [two], holder: 'laptop-b/s2', forSeconds: 60 })).body.results[0]
        ?.claimed,
    ).toBe(true);

    // An acked event cannot be claimed.
    await relayCall(r.url, 'POST', 'events/ack', r.alice, { ids: [three] });
    expect(
      (await claim(r.url, r.alice, { ids: [three], holder: 'laptop-a/s1', forSeconds: 60 })).body.results[0]
        ?.claimed,
    ).toBe(false);

    // Teammates read claims on the feed: the event as it stands, with who holds it and until when.
    const updates = (await readWholeFeed(r.url, r.alice, next)).items.flatMap((i) =>
      i.kind === 'event.updated' ? [i.event] : [],
    );
    const last = (id: string) => updates.filter((e: EventSummary) => e.id === id).at(-1);
    expect(last(one)?.claim).toMatchObject({ by: 'alice/agent:claude', session: 'alice/laptop-a/s1' });
    expect(last(two)?.claim).toMatchObject({ by: 'alice', session: 'alice/laptop-b/s2' });
    expect(last(three)).toMatchObject({ claim: null });
    expect(last(two)?.claim?.until).toBeGreaterThan(Date.now());
  });

  it('lets another holder take an event once its claim lapses', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'claim-lapse' });
    const id = (JSON.parse((await post(r, endpoint.id, 'x')).text) as { event_id: string }).event_id;
    const taken = await claim(r.url, r.alice, { ids: [id], holder: 'a', forSeconds: 1 });
    expect(taken.body.results[0]?.claimed).toBe(true);
    expect(
      (await claim(r.url, r.alice, { ids: [id], holder: 'b', forSeconds: 60 })).body.results[0]?.claimed,
    ).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, taken.body.until - Date.now()) + 200));
    expect(
      (await claim(r.url, r.alice, { ids: [id], holder: 'b', forSeconds: 60 })).body.results[0]?.claimed,
    ).toBe(true);
  });

  it('refuses bad claims clearly and read-only tokens', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'claim-refusals' });
    const id = (JSON.parse((await post(r, endpoint.id, 'x')).text) as { event_id: string }).event_id;
    for (const body of [
      { ids: [id], holder: 'a', forSeconds: 0 },
      { ids: [id], holder: 'a', forSeconds: 3601 },
      { ids: [], holder: 'a', forSeconds: 10 },
      { ids: [id], holder: '', forSeconds: 10 },
      { ids: [id], holder: ' a', forSeconds: 10 },
    ]) {
      const res = await claim(r.url, r.alice, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    // A desktop's holder is its data-directory id (base64url, so it may begin with - or _) and a session.
    const other = (JSON.parse((await post(r, endpoint.id, 'y')).text) as { event_id: string }).event_id;
    const dashed = await claim(r.url, r.alice, { ids: [other], holder: '-x9_Q:session-1', forSeconds: 10 });
    expect([dashed.status, dashed.body.results?.[0]?.claimed]).toEqual([200, true]);
    const readOnly = await claim(r.url, r.bob, { ids: [id], holder: 'a', forSeconds: 10 });
    expect([readOnly.status, readOnly.body.error.code]).toEqual([403, 'read_only']);
    const readOnlyRelease = await relayCall<{ error: { code: string } }>(
      r.url,
      'POST',
      'events/release',
      r.bob,
      {
        ids: [id],
        holder: 'a',
      },
    );
    expect([readOnlyRelease.status, readOnlyRelease.body.error.code]).toEqual([403, 'read_only']);
    // Nothing refused took a claim.
    expect(
      (await claim(r.url, r.alice, { ids: [id], holder: 'z', forSeconds: 10 })).body.results[0]?.claimed,
    ).toBe(true);
  });
}
