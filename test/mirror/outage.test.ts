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

  it('a relay rebuilt from scratch at the same URL (its feed starts over) is mirrored again from the beginning, and says so', async () => {
    const relay = await startRelay();
    const home = tempHome();
    const token = relay.token('alice');
    const args = (t: string) => ['--port', '0', '--ui-port', '0', '--relay', relay.url, '--relay-token', t];
    let desktop = await startServe(home, args(token));
    await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'connected');
    const old = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'old']);
    await relayHas(relay, token, old.id);
    await sendEvents(relay.url, old.id, 20);
    const local = openLocalInbox({ home, watch: false });
    try {
      await until(
        () => local.eventCounts().get(old.id)?.total ?? 0,
        (n) => n === 20,
      );
      await desktop.stop();
      await relay.stop();

      const rebuilt = await startRelay({ home: tempHome(), port: relay.port });
      const fresh = rebuilt.token('alice');
      const created = await rebuilt.api(fresh, 'POST', '/endpoints', { label: 'new' });
      const id = (created.json as { endpoint: { id: string } }).endpoint.id;
      await sendEvents(rebuilt.url, id, 3);
      desktop = await startServe(home, args(fresh));
      const facts = await desktop.waitFor((f) => Boolean((f as RelayFacts).relay?.notice), 30_000);
      expect((facts as RelayFacts).relay?.notice).toMatch(/feed restarted/);
      expect(
        await until(
          () => local.eventCounts().get(id)?.total ?? 0,
          (n) => n === 3,
        ),
      ).toBe(3);
      // What the old relay gave stays here.
      expect(local.eventCounts().get(old.id)?.total).toBe(20);
    } finally {
      local.close();
    }
  }, 150_000);
});
