import { describe, expect, it } from 'vitest';
import { startRelayForwarding } from '../../electron/app/relay-forwarding';
import { systemClock } from '../../electron/base/clock';
import { silentLogger } from '../../electron/base/logger';
import type { RelayWireEvent } from '../../shared/relay-wire';
import { startTarget } from '../delivery/target';
import { readWholeFeed, relayCall } from './relay-client';
import { type RelayStoreHarness, useRelays } from './relay-harness';

// The desktop's retry policy, made short for a test.
const ENV = { HOOKLINE_FORWARD_BACKOFF_MS: '100,200', HOOKLINE_FORWARD_TIMEOUT_MS: '2000' };

/** The relay forwards endpoints whose forward URL it holds, whatever its store. */
export function describeForwardBehaviour(harness: RelayStoreHarness): void {
  const { start, createEndpoint, post } = useRelays(harness);
  type Relay = Awaited<ReturnType<typeof start>>;

  /** Runs a test against a relay that forwards with this retry environment; forwarding stops after it. */
  async function withForwarding(env: Record<string, string>, test: (r: Relay) => Promise<void>) {
    const r = await start();
    const forwarding = startRelayForwarding(r.store, { env, clock: systemClock, log: silentLogger });
    try {
      await test(r);
    } finally {
      await forwarding.stop();
    }
  }

  describe('forwarding', () => {
    it('forwards with retries and feeds each attempt and the forward state to desktops', () =>
      withForwarding(ENV, async (r) => {
        const target = await startTarget((n) => (n === 0 ? { status: 503, body: 'busy' } : { status: 200 }));
        const endpoint = await createEndpoint(r, { label: 'fwd', forwardUrl: `${target.url}/in` });
        const sent = await post(r, endpoint.id, '{"n":1}', { 'content-type': 'application/json' });
        const eventId = sent.headers.get('x-hookline-event-id') ?? '';
        const received = await target.waitFor(2);
        expect(received.map((x) => [x.url, x.body.toString()])).toEqual([
          ['/in', '{"n":1}'],
          ['/in', '{"n":1}'],
        ]);
        const settled = await waitDelivered(r.url, r.alice, eventId);
        expect(settled).toMatchObject({ stage: 'delivered', attempts: 2, reason: 'HTTP 200' });
        const items = (await readWholeFeed(r.url, r.alice)).items;
        const attempts = items.flatMap((i) => (i.kind === 'delivery.recorded' ? [i.delivery] : []));
        expect(attempts.map((d) => [d.kind, d.by, d.attempt, d.response?.status])).toEqual([
          ['forward', 'relay', 1, 503],
          ['forward', 'relay', 2, 200],
        ]);
        const last = items.filter((i) => i.kind === 'event.updated').at(-1);
        expect(last?.kind === 'event.updated' && last.event.forward?.stage).toBe('delivered');
      }));

    it('a target that hangs holds only its own slots: other endpoints are forwarded at once', () =>
      withForwarding(
        { ...ENV, HOOKLINE_FORWARD_PER_TARGET: '2', HOOKLINE_FORWARD_TIMEOUT_MS: '10000' },
        async (r) => {
          const stuck = await startTarget(() => 'hang');
          const fine = await startTarget();
          const slow = await createEndpoint(r, { label: 'stuck', forwardUrl: `${stuck.url}/in` });
          const quick = await createEndpoint(r, { label: 'fine', forwardUrl: `${fine.url}/in` });
          // More than a relay process's 32 slots: without a cap per endpoint they would all hang.
          for (let i = 0; i < 40; i++)
            await post(r, slow.id, `{"stuck":${i}}`, { 'content-type': 'application/json' });
          await stuck.waitFor(2);
          const started = Date.now();
          for (let i = 0; i < 3; i++)
            await post(r, quick.id, `{"fine":${i}}`, { 'content-type': 'application/json' });
          const delivered = await fine.waitFor(3, 5_000);
          // Long before the stuck sends time out (10 s), and with the stuck endpoint still at its cap.
          expect(Date.now() - started).toBeLessThan(5_000);
          expect(delivered.map((x) => x.body.toString()).sort()).toEqual([
            '{"fine":0}',
            '{"fine":1}',
            '{"fine":2}',
          ]);
          expect(stuck.received.map((x) => x.body.toString())).toEqual(['{"stuck":0}', '{"stuck":1}']);
        },
      ));

    it('ends the open forwards of an endpoint deleted without its events: none is left pending', () =>
      withForwarding(
        { ...ENV, HOOKLINE_FORWARD_PER_TARGET: '1', HOOKLINE_FORWARD_TIMEOUT_MS: '1500' },
        async (r) => {
          const stuck = await startTarget(() => 'hang');
          const endpoint = await createEndpoint(r, { label: 'doomed', forwardUrl: `${stuck.url}/in` });
          const ids: string[] = [];
          for (let i = 0; i < 3; i++) {
            const sent = await post(r, endpoint.id, `{"n":${i}}`, { 'content-type': 'application/json' });
            ids.push(sent.headers.get('x-hookline-event-id') ?? '');
          }
          await stuck.waitFor(1);
          const removed = await relayCall(r.url, 'DELETE', `endpoints/${endpoint.id}`, r.alice);
          expect(removed.status).toBe(200);
          for (const id of ids)
            expect(await waitForward(r.url, r.alice, id, 'gave_up')).toMatchObject({ stage: 'gave_up' });
        },
      ));
  });
}

function waitDelivered(url: string, token: string, eventId: string) {
  return waitForward(url, token, eventId, 'delivered');
}

/** The event's forward state once it reaches `stage` (or after 20 s, as it is then). */
async function waitForward(url: string, token: string, eventId: string, stage: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { body } = await relayCall<{ event: RelayWireEvent }>(url, 'GET', `events/${eventId}`, token);
    const forward = body.event.forward;
    if ((forward && forward.stage === stage) || Date.now() > deadline) return forward;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
