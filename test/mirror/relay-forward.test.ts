import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { startTarget } from '../delivery/target';
import { runCli, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { type RelayProcess, relayHas, sendEvents, startMirror, startRelay } from './relay-fixture';

type Listed = { id: string; forwardUrl: string | null; forwardFrom: string; forwardedBy: string | null };

async function relayForwardUrl(relay: RelayProcess, token: string, id: string): Promise<string | null> {
  const { json } = await relay.api(token, 'GET', '/endpoints');
  return (json as { endpoints: Listed[] }).endpoints.find((e) => e.id === id)?.forwardUrl ?? null;
}

describe('relay mirror: who forwards what', () => {
  it('an endpoint forwarded by the relay is sent once for the team, by the relay; desktops show its attempts', async () => {
    const relay = await startRelay();
    const alice = relay.token('alice');
    const [homeA, homeB] = [tempHome(), tempHome()];
    const desktopA = await startMirror(homeA, relay, alice);
    await startMirror(homeB, relay, relay.token('bob'));
    const target = await startTarget();
    // In tests every target is on 127.0.0.1, which stays on the desktop by default: say "relay".
    const created = runCli(homeA, [
      ...['endpoints', 'create', 'team', '--forward-to', `${target.url}/in`, '--forward-from', 'relay'],
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('(forwarded by the relay)');
    const [endpoint] = runCliJson<Listed[]>(homeA, ['endpoints', 'list']);
    expect(endpoint).toMatchObject({ forwardFrom: 'relay', forwardedBy: 'relay' });
    const id = endpoint?.id ?? '';
    await relayHas(relay, alice, id);
    const deadline = Date.now() + 10_000;
    while ((await relayForwardUrl(relay, alice, id)) !== `${target.url}/in` && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await relayForwardUrl(relay, alice, id)).toBe(`${target.url}/in`);

    const ids = await sendEvents(relay.url, id, 3, 1);
    await target.waitFor(3);
    const a = openLocalInbox({ home: homeA, watch: false });
    const b = openLocalInbox({ home: homeB, watch: false });
    try {
      for (const inbox of [a, b]) {
        for (const eventId of ids) {
          const event = await until(
            () => inbox.eventSummary(eventId),
            (e) => e?.forward?.stage === 'delivered',
          );
          expect(event?.forward).toMatchObject({ stage: 'delivered', attempts: 1 });
          const attempts = await until(
            () => inbox.deliveries.forEvent(eventId),
            (list) => list.length > 0,
          );
          expect(attempts).toHaveLength(1);
          expect(attempts[0]).toMatchObject({
            kind: 'forward',
            by: 'relay',
            attempt: 1,
            response: { status: 200 },
          });
        }
      }
      // Neither desktop sent anything itself: the target got each event once.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(target.received).toHaveLength(3);
      // An event captured on the laptop's own URL never reached the relay: this desktop sends it, once.
      const local = await fetch(`${desktopA.facts.localBaseUrl}/h/${id}`, {
        method: 'POST',
        body: '{"tag":"local"}',
      });
      expect(local.status).toBe(200);
      const localId = ((await local.json()) as { event_id: string }).event_id;
      const received = await target.waitFor(4);
      expect(received[3]?.body.toString()).toBe('{"tag":"local"}');
      const stored = await until(
        () => a.eventSummary(localId),
        (e) => e?.forward?.stage === 'delivered',
      );
      expect(stored?.forward).toMatchObject({ stage: 'delivered', attempts: 1 });
      expect(a.deliveries.forEvent(localId)).toMatchObject([{ kind: 'forward', by: null, attempt: 1 }]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(target.received).toHaveLength(4);
      expect(b.eventSummary(localId)).toBeNull();
      // Bob's desktop has no forward URL of its own for it; it shows the relay's attempts all the same.
      expect(runCliJson<Listed[]>(homeB, ['endpoints', 'list'])[0]).toMatchObject({ forwardUrl: null });
    } finally {
      a.close();
      b.close();
    }
  }, 90_000);

  it('a target on this machine stays on the desktop: the relay does not get it, the desktop forwards', async () => {
    const relay = await startRelay();
    const alice = relay.token('alice');
    const homeA = tempHome();
    const desktop = await startMirror(homeA, relay, alice);
    const target = await startTarget();
    const created = runCli(homeA, ['endpoints', 'create', 'mine', '--forward-to', `${target.url}/mine`]);
    expect(created.stdout).toContain('(forwarded by this desktop)');
    const [endpoint] = runCliJson<Listed[]>(homeA, ['endpoints', 'list']);
    expect(endpoint).toMatchObject({ forwardFrom: 'auto', forwardedBy: 'here' });
    const id = endpoint?.id ?? '';
    await relayHas(relay, alice, id);
    expect(await relayForwardUrl(relay, alice, id)).toBeNull();
    const [eventId = ''] = await sendEvents(relay.url, id, 1);
    await target.waitFor(1);
    const a = openLocalInbox({ home: homeA, watch: false });
    try {
      const event = await until(
        () => a.eventSummary(eventId),
        (e) => e?.forward?.stage === 'delivered',
      );
      expect(event?.forward?.stage).toBe('delivered');
      const [attempt] = a.deliveries.forEvent(eventId);
      expect(attempt).toMatchObject({ kind: 'forward', response: { status: 200 } });
      expect(attempt?.by ?? null).toBeNull();
      // Switched to the relay: the target goes there, and this desktop stops sending.
      const switched = runCli(homeA, ['endpoints', 'update', id, '--forward-from', 'relay']);
      expect(switched.stdout).toContain('(forwarded by the relay)');
      const deadline = Date.now() + 10_000;
      while ((await relayForwardUrl(relay, alice, id)) !== `${target.url}/mine` && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await relayForwardUrl(relay, alice, id)).toBe(`${target.url}/mine`);
      // The GUI's endpoint settings say so, and change it back: the relay's target is taken back.
      const ui = new URL(desktop.facts.uiUrl ?? '');
      const call = async (method: string, params: unknown) => {
        const res = await fetch(`${ui.origin}/api/${method}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${ui.searchParams.get('token')}`,
          },
          body: JSON.stringify(params),
        });
        return (await res.json()) as { endpoints?: Listed[] };
      };
      expect((await call('endpoints.list', {})).endpoints?.[0]).toMatchObject({
        forwardFrom: 'relay',
        forwardedBy: 'relay',
      });
      await call('endpoints.update', { id, patch: { forwardFrom: 'here' } });
      expect((await call('endpoints.list', {})).endpoints?.[0]).toMatchObject({ forwardedBy: 'here' });
      const back = Date.now() + 10_000;
      while ((await relayForwardUrl(relay, alice, id)) !== null && Date.now() < back)
        await new Promise((r) => setTimeout(r, 100));
      expect(await relayForwardUrl(relay, alice, id)).toBeNull();
    } finally {
      a.close();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(target.received).toHaveLength(1);
  }, 60_000);
});
