import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayFeedItem, RelayStore } from '../../../electron/core/relay-ports';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { type Target, startTarget } from '../../delivery/target';
import { endpointRow } from '../../helpers/endpoint-row';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';
import { type RelayProcess, startRelayProcess } from '../../helpers/relay-process';
import { tempHome } from '../../helpers/temp-home';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

// Short retries and timeouts so a test sees several attempts (the policy is the desktop's).
const FAST = { HOOKLINE_FORWARD_BACKOFF_MS: '100,200,400', HOOKLINE_FORWARD_TIMEOUT_MS: '1500' };

async function twoRelays(database: string): Promise<RelayProcess[]> {
  return [
    await startRelayProcess(tempHome(), ['--database', database], FAST),
    await startRelayProcess(tempHome(), ['--database', database], FAST),
  ];
}

async function post(relay: RelayProcess, endpointId: string, tag: string): Promise<string> {
  const response = await fetch(`${relay.facts.localUrl}/h/${endpointId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tag }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { event_id: string }).event_id;
}

/** Every feed item so far. */
async function feed(store: RelayStore): Promise<RelayFeedItem[]> {
  const items: RelayFeedItem[] = [];
  let after = 0;
  for (;;) {
    const page = await store.feed(after, 1_000, 64 * 1024 * 1024);
    items.push(...page.items);
    after = page.next;
    if (!page.hasMore) return items;
  }
}

/** How many times the target received each tag. */
function tally(target: Target): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of target.received) {
    const tag = (JSON.parse(r.body.toString()) as { tag: string }).tag;
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}

async function settled(store: RelayStore, ids: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await Promise.all(ids.map((id) => store.getEvent(id)));
    const open = events.filter((e) => !e?.forward || !['delivered', 'gave_up'].includes(e.forward.stage));
    if (open.length === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('relays on one PostgreSQL forward through the database', () => {
  it('delivers each event exactly once though two relays receive and forward at once', async () => {
    const database = await server.newDatabase();
    const store = await openPostgresRelayStore(database);
    try {
      const target = await startTarget();
      const endpoint = endpointRow('fwd', { forwardUrl: `${target.url}/hooks` });
      await store.createEndpoint(endpoint);
      const relays = await twoRelays(database);
      const N = 60;
      const ids = await Promise.all(
        Array.from({ length: N }, (_, n) => post(relays[n % 2] as RelayProcess, endpoint.id, `e${n}`)),
      );
      await target.waitFor(N, 30_000);
      await settled(store, ids);
      // A moment for a stray second send to show up, were there one.
      await new Promise((r) => setTimeout(r, 500));
      const counts = tally(target);
      expect(counts.size).toBe(N);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      for (const r of target.received) expect(r.url).toBe('/hooks');
      const event = await store.getEvent(ids[0] ?? '');
      expect(event?.forward).toMatchObject({ stage: 'delivered', attempts: 1, reason: 'HTTP 200' });
      // Each attempt is on the feed for desktops, as the relay's.
      const attempts = (await feed(store)).filter((i) => i.kind === 'delivery.recorded');
      expect(attempts).toHaveLength(N);
      expect(attempts[0]).toMatchObject({ delivery: { kind: 'forward', by: 'relay', attempt: 1 } });
    } finally {
      await store.close();
    }
  }, 120_000);

  it('retries a target that answers 500, then 200, and records both attempts on the event', async () => {
    const database = await server.newDatabase();
    const store = await openPostgresRelayStore(database);
    try {
      const target = await startTarget((n) => (n === 0 ? { status: 500, body: 'boom' } : { status: 200 }));
      const endpoint = endpointRow('retry', { forwardUrl: target.url });
      await store.createEndpoint(endpoint);
      const relays = await twoRelays(database);
      const id = await post(relays[0] as RelayProcess, endpoint.id, 'once');
      await target.waitFor(2);
      await settled(store, [id]);
      expect((await store.getEvent(id))?.forward).toMatchObject({ stage: 'delivered', attempts: 2 });
      const attempts = (await feed(store)).flatMap((i) =>
        i.kind === 'delivery.recorded' ? [i.delivery] : [],
      );
      expect(attempts.map((d) => [d.attempt, d.response?.status])).toEqual([
        [1, 500],
        [2, 200],
      ]);
      // The forward's progress reaches desktops as event.updated items too.
      const stages = (await feed(store)).flatMap((i) =>
        i.kind === 'event.updated' && i.event.id === id ? [i.event.forward?.stage] : [],
      );
      expect(stages.at(-1)).toBe('delivered');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('sends again after the lease when the relay sending it is SIGKILLed (at least once)', async () => {
    const database = await server.newDatabase();
    const store = await openPostgresRelayStore(database);
    try {
      // The first request hangs (the relay sending it dies meanwhile); later ones are answered.
      const target = await startTarget((n) => (n === 0 ? 'hang' : { status: 200 }));
      const endpoint = endpointRow('killed', { forwardUrl: target.url });
      await store.createEndpoint(endpoint);
      const first = await startRelayProcess(tempHome(), ['--database', database], FAST);
      const id = await post(first, endpoint.id, 'kill-me');
      await target.waitFor(1);
      expect((await store.getEvent(id))?.forward?.stage).toBe('delivering');
      first.child.kill('SIGKILL');
      await startRelayProcess(tempHome(), ['--database', database], FAST);
      // The survivor waits for the dead relay's lease (timeout + 5 s), then sends the event again.
      await target.waitFor(2, 30_000);
      await settled(store, [id]);
      expect((await store.getEvent(id))?.forward).toMatchObject({ stage: 'delivered', attempts: 2 });
      expect(tally(target).get('kill-me')).toBe(2);
    } finally {
      await store.close();
    }
  }, 90_000);
});
