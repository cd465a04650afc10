import { expect, it } from 'vitest';
import { DELIVERY_BODY_LIMIT, type RelayWireDelivery } from '../../shared/relay-wire';
import { readWholeFeed, relayCall } from './relay-client';
import { type RelayStoreHarness, useRelays } from './relay-harness';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A replay as a desktop sends it to `POST /events/<id>/deliveries`. */
function replay(overrides: Record<string, unknown> = {}) {
  return {
    targetUrl: 'http://localhost:3000/hooks',
    startedAt: 1_700_000_000_000,
    durationMs: 42,
    request: {
      method: 'POST',
      headers: [['content-type', 'application/json']],
      bodyBase64: b64('{"a":1}'),
      truncated: false,
    },
    response: { status: 502, headers: [['x-up', 'no']], bodyBase64: b64('bad gateway'), truncated: false },
    error: null,
    ...overrides,
  };
}

/** Replays desktops record on the relay: stored under the event, a feed item for teammates. */
export function describeDeliveryBehaviour(harness: RelayStoreHarness): void {
  const { start, createEndpoint, post } = useRelays(harness);

  it('records a desktop replay under its event as a feed item, by member/actor, bodies kept as sent', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'replays' });
    const eventId = (JSON.parse((await post(r, endpoint.id, '{"a":1}')).text) as { event_id: string })
      .event_id;
    const { next } = await readWholeFeed(r.url, r.alice);

    const recorded = await relayCall<{ delivery: { id: number } }>(
      r.url,
      'POST',
      `events/${eventId}/deliveries`,
      r.alice,
      { ...replay(), actor: 'cli' },
    );
    expect(recorded.status).toBe(201);
    const cut = Buffer.alloc(DELIVERY_BODY_LIMIT, 'x');
    const second = await relayCall(r.url, 'POST', `events/${eventId}/deliveries`, r.alice, {
      ...replay({ response: null, error: 'connect ECONNREFUSED', durationMs: 3 }),
      request: { method: 'PUT', headers: [], bodyBase64: cut.toString('base64'), truncated: true },
    });
    expect(second.status).toBe(201);

    const items = (await readWholeFeed(r.url, r.alice, next)).items;
    const deliveries = items.flatMap((i) => (i.kind === 'delivery.recorded' ? [i.delivery] : []));
    expect(deliveries).toHaveLength(2);
    const [first, failed] = deliveries as [RelayWireDelivery, RelayWireDelivery];
    expect(first).toMatchObject({
      id: recorded.body.delivery.id,
      eventId,
      by: 'alice/cli',
      kind: 'replay',
      targetUrl: 'http://localhost:3000/hooks',
      durationMs: 42,
      request: { method: 'POST', bodyBase64: b64('{"a":1}'), truncated: false },
      response: { status: 502, headers: [['x-up', 'no']], bodyBase64: b64('bad gateway'), truncated: false },
      error: null,
    });
    expect(failed).toMatchObject({ by: 'alice', response: null, error: 'connect ECONNREFUSED' });
    expect(failed.request).toMatchObject({ method: 'PUT', truncated: true });
    expect(Buffer.from(failed.request.bodyBase64, 'base64').equals(cut)).toBe(true);
  });

  it('refuses a replay of an unknown event, an oversized body and a read-only token', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'replay-refusals' });
    const eventId = (JSON.parse((await post(r, endpoint.id, 'x')).text) as { event_id: string }).event_id;
    const { next } = await readWholeFeed(r.url, r.alice);

    const unknown = await relayCall<{ error: { code: string } }>(
      r.url,
      'POST',
      'events/evt_unknown/deliveries',
      r.alice,
      replay(),
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const tooBig = Buffer.alloc(DELIVERY_BODY_LIMIT + 1, 'y').toString('base64');
    const big = await relayCall<{ error: { message: string } }>(
      r.url,
      'POST',
      `events/${eventId}/deliveries`,
      r.alice,
      {
        ...replay(),
        request: { method: 'POST', headers: [], bodyBase64: tooBig, truncated: false },
      },
    );
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain(`${DELIVERY_BODY_LIMIT} bytes`);
    const readOnly = await relayCall<{ error: { code: string } }>(
      r.url,
      'POST',
      `events/${eventId}/deliveries`,
      r.bob,
      replay(),
    );
    expect([readOnly.status, readOnly.body.error.code]).toEqual([403, 'read_only']);
    // Nothing refused reached the feed.
    const items = (await readWholeFeed(r.url, r.alice, next)).items;
    expect(items.filter((i) => i.kind === 'delivery.recorded')).toEqual([]);
  });
}
