import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { RelayStatus } from '../../shared/types';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { type RelayProcess, sendEvents, startMirror, startRelay } from './relay-fixture';

type RelayFacts = { relay?: RelayStatus | null };

/** Event ids in the relay's feed order (the order a mirror must store them in). */
async function relayOrder(relay: RelayProcess, token: string): Promise<string[]> {
  const ids: string[] = [];
  let after = 0;
  for (;;) {
    const { json } = await relay.api(token, 'GET', `/feed?after=${after}&limit=1000`);
    const page = json as {
      items: { kind: string; event?: { id: string } }[];
      next: number;
      hasMore: boolean;
    };
    for (const item of page.items) if (item.kind === 'event.created' && item.event) ids.push(item.event.id);
    after = page.next;
    if (!page.hasMore) return ids;
  }
}

describe('relay mirror: catching up', () => {
  it('a desktop stopped while 5,000 events arrive gets all of them in relay order, none twice, even if killed mid-catch-up', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const created = await relay.api(token, 'POST', '/endpoints', { label: 'stripe' });
    const endpointId = (created.json as { endpoint: { id: string } }).endpoint.id;
    const home = tempHome();
    let desktop = await startMirror(home, relay, token, { connected: false });
    await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'connected');
    await desktop.stop();

    const sent = await sendEvents(relay.url, endpointId, 5_000);
    expect(new Set(sent).size).toBe(5_000);

    const local = openLocalInbox({ home, watch: false });
    const count = () => local.eventCounts().get(endpointId)?.total ?? 0;
    try {
      // Killed without warning part-way: the cursor and what it covers were committed together.
      desktop = await startMirror(home, relay, token, { connected: false });
      await until(count, (n) => n > 0, 60_000);
      await desktop.stop('SIGKILL');
      desktop = await startMirror(home, relay, token, { connected: false });
      await until(count, (n) => n >= 5_000, 120_000);
      await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'connected', 30_000);

      const ids = local.listEvents({ order: 'asc', limit: 10_000 }).map((e) => e.id);
      expect(ids).toHaveLength(5_000);
      expect(new Set(ids).size).toBe(5_000);
      expect(ids).toEqual(await relayOrder(relay, token));
      // Byte-exact, with the relay's id.
      const first = local.getEvent(ids[0] ?? '');
      expect(JSON.parse(Buffer.from(first.body).toString())).toHaveProperty('n');
      expect(first.endpointId).toBe(endpointId);
    } finally {
      local.close();
    }
  }, 240_000);
});
