import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { RelayStatus } from '../../shared/types';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { sendEvents, startMirror, startRelay } from './relay-fixture';

type RelayFacts = { relay?: RelayStatus | null };

describe('relay mirror: away longer than the relay keeps its feed', () => {
  it('resyncs from what the relay still holds, gets every event it holds, and says what was gone', async () => {
    const keep = ['--feed-keep', '20'];
    let relay = await startRelay(null, keep);
    const token = relay.token('alice');
    const created = await relay.api(token, 'POST', '/endpoints', { label: 'busy' });
    const endpointId = (created.json as { endpoint: { id: string } }).endpoint.id;
    const home = tempHome();
    const local = openLocalInbox({ home, watch: false });
    const count = () => local.eventCounts().get(endpointId)?.total ?? 0;
    try {
      let desktop = await startMirror(home, relay, token, { connected: false });
      const early = await sendEvents(relay.url, endpointId, 5, 1);
      await until(count, (n) => n === 5, 30_000);
      await desktop.stop();

      // While the desktop is away, far more arrives than the relay's feed keeps; an early event is acked.
      const later = await sendEvents(relay.url, endpointId, 60, 4);
      expect((await relay.api(token, 'POST', '/events/ack', { ids: [early[0]] })).status).toBe(200);
      // The relay trims its feed when it starts (and every minute).
      await relay.stop();
      relay = await startRelay({ home: relay.home, port: relay.port }, keep);

      desktop = await startMirror(home, relay, token, { connected: false });
      await desktop.waitFor((f) => /trimmed its history/.test((f as RelayFacts).relay?.notice ?? ''), 30_000);
      await until(count, (n) => n >= 65, 30_000);
      const ids = local.listEvents({ endpointIds: [endpointId], order: 'asc', limit: 1000 }).map((e) => e.id);
      expect(new Set(ids)).toEqual(new Set([...early, ...later]));
      expect(ids).toHaveLength(65);
      // The state that changed while away came with the resync.
      await until(
        () => local.eventSummary(early[0] ?? '')?.ackedAt ?? null,
        (at) => at !== null,
        15_000,
      );
      // And it follows live again.
      const [next = ''] = await sendEvents(relay.url, endpointId, 1, 1);
      await until(
        () => local.eventSummary(next),
        (e) => e !== null,
        15_000,
      );
      await desktop.stop();
    } finally {
      local.close();
    }
  }, 180_000);
});
