import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import type { RelayWireEvent } from '../../shared/relay-wire';
import { buildRequest, rawRequest } from '../helpers/raw-http';
import { createdEvents, readWholeFeed, relayCall } from './relay-client';
import { type RelayStoreHarness, useRelays } from './relay-harness';

/** What senders see from a relay: capture byte-exact, verdicts, the desktop's answers, 503 when the store fails. */
export function describeCaptureBehaviour(harness: RelayStoreHarness): void {
  const { start, createEndpoint, post } = useRelays(harness);

  it('captures byte-exact: headers in order with their casing and repeats, a binary body', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'bytes' });
    const body = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const headers: [string, string][] = [
      ['Host', `127.0.0.1:${r.relay.port}`],
      ['X-Zeta', 'last-first'],
      ['content-TYPE', 'application/octet-stream'],
      ['X-Repeat', 'one'],
      ['X-Repeat', 'two'],
      ['Content-Length', String(body.length)],
      ['Connection', 'close'],
    ];
    const res = await rawRequest(
      r.relay.port,
      buildRequest('POST', `/h/${endpoint.id}/sub/path?a=1&b=%20`, headers, body),
    );
    expect(res.status).toBe(200);
    const eventId = (JSON.parse(res.body) as { event_id: string }).event_id;

    const [fromFeed] = createdEvents((await readWholeFeed(r.url, r.alice)).items);
    const got = await relayCall<{ event: RelayWireEvent }>(r.url, 'GET', `events/${eventId}`, r.bob);
    expect(got.status).toBe(200);
    for (const event of [fromFeed, got.body.event]) {
      expect(event?.id).toBe(eventId);
      expect(event?.headers).toEqual(headers);
      expect(Buffer.from(event?.bodyBase64 ?? '', 'base64').equals(body)).toBe(true);
      expect(event?.path).toBe('/sub/path');
      expect(event?.query).toBe('a=1&b=%20');
    }
  });

  it('verifies with the endpoint secret: valid, invalid, and refused with rejectInvalid (still stored)', async () => {
    const r = await start();
    const secret = 'whsec_relaytestsecret';
    const endpoint = await createEndpoint(r, { label: 'stripe', provider: 'stripe', secrets: [secret] });
    const strict = await createEndpoint(r, {
      label: 'strict',
      provider: 'stripe',
      secrets: [secret],
      rejectInvalid: true,
    });
    const payload = JSON.stringify({ id: 'evt_1', type: 'invoice.paid' });
    const t = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
    const good = await post(r, endpoint.id, payload, { 'stripe-signature': `t=${t},v1=${sig}` });
    const bad = await post(r, endpoint.id, payload, { 'stripe-signature': `t=${t},v1=${'0'.repeat(64)}` });
    const refused = await post(r, strict.id, payload, {
      'stripe-signature': `t=${t},v1=${'0'.repeat(64)}`,
    });
    expect(good.status).toBe(200);
    expect(bad.status).toBe(200);
    expect(refused.status).toBe(401);
    const events = createdEvents((await readWholeFeed(r.url, r.alice)).items);
    expect(events.map((e) => [e.endpointId, e.verification.status, e.providerEventType])).toEqual([
      [endpoint.id, 'valid', 'invoice.paid'],
      [endpoint.id, 'invalid', 'invoice.paid'],
      [strict.id, 'invalid', 'invoice.paid'],
    ]);
    expect(events[2]?.responseStatus).toBe(401);
  });

  it('answers senders as a desktop does: custom response after the commit, 404 unknown, 413 oversize; the forward born in the commit', async () => {
    const r = await start({ maxBodyBytes: 1024 });
    const endpoint = await createEndpoint(r, {
      label: 'custom',
      response: { status: 202, headers: [['X-Custom', 'yes']], body: 'queued', delayMs: 0 },
      forwardUrl: 'https://forward.example.test/hook',
    });
    const answered = await post(r, endpoint.id, 'small');
    expect([answered.status, answered.headers.get('x-custom'), answered.text]).toEqual([
      202,
      'yes',
      'queued',
    ]);
    const eventId = answered.headers.get('x-hookline-event-id') ?? '';
    expect((await relayCall(r.url, 'GET', `events/${eventId}`, r.alice)).status).toBe(200);
    expect((await post(r, 'noSuchEndpointId0000', 'x')).status).toBe(404);
    expect((await post(r, endpoint.id, 'x'.repeat(2048))).status).toBe(413);
    const events = createdEvents((await readWholeFeed(r.url, r.alice)).items);
    expect(events.map((e) => e.id)).toEqual([eventId]);
    // The relay forwards (no forwarder runs in this test): the forward's state is born with the event.
    expect(events[0]?.forward).toMatchObject({ stage: 'pending', attempts: 0 });
  });

  it('answers 503 with retry-after, never a 2xx, when the store fails', async () => {
    const r = await start();
    const endpoint = await createEndpoint(r, { label: 'down' });
    expect((await post(r, endpoint.id, 'before')).status).toBe(200);
    await harness.break(r.store);
    const capture = await post(r, endpoint.id, 'while the store is down');
    expect(capture.status).toBe(503);
    expect(capture.headers.get('retry-after')).toBeTruthy();
    const api = await relayCall<{ error: { code: string } }>(r.url, 'GET', 'feed', r.alice);
    expect([api.status, api.body.error.code]).toEqual([503, 'unavailable']);
  });
}
