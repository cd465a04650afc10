import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { RelayStatus } from '../../shared/types';
import { runCli, runCliJson, startServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { relayHas, sendEvents, startRelay } from './relay-fixture';

type RelayFacts = { relay?: RelayStatus | null };

describe('relay mirror: the relay goes away', () => {
  it('a relay outage shows as an error that retries; when it is back, the desktop reads on and sends what changed meanwhile', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const home = tempHome();
    const desktop = await startServe(home, [
      '--port',
      '0',
      '--ui-port',
      '0',
      '--relay',
      relay.url,
      '--relay-token',
      token,
    ]);
    await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'connected');
    const made = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'github']);
    await relayHas(relay, token, made.id);
    const [before] = await sendEvents(relay.url, made.id, 1);

    await relay.stop();
    const down = await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'error', 45_000);
    expect((down as RelayFacts).relay?.lastError).toMatch(/cannot be reached/);
    expect(runCli(home, ['status']).stdout).toMatch(/Relay: +error: .*cannot be reached.*\(retrying\)/);
    // Acked while the relay is away: sent once it is back.
    expect(runCli(home, ['events', 'ack', before ?? '']).code).toBe(0);

    const again = await startRelay({ home: relay.home, port: relay.port });
    await sendEvents(again.url, made.id, 5);
    const local = openLocalInbox({ home, watch: false });
    try {
      await until(
        () => local.eventCounts().get(made.id)?.total ?? 0,
        (n) => n === 6,
        60_000,
      );
      expect(local.eventCounts().get(made.id)?.total).toBe(6);
      const onRelay = async () =>
        ((await again.api(token, 'GET', `/events/${before}`)).json as { event: { ackedBy: string | null } })
          .event.ackedBy;
      await expect.poll(onRelay, { timeout: 20_000 }).toBe('alice/cli');
    } finally {
      local.close();
    }
  }, 150_000);
});
