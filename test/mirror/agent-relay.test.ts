import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { runCli } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { startAgent } from '../mcp/agent';
import { sendEvents, startRelay } from './relay-fixture';

describe('relay mirror: agents', () => {
  it('an agent on a mirroring inbox registers webhooks on the relay, with its URL, and gets their events', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const home = tempHome();
    // The connection saved by an earlier `--relay` (or the GUI) is what the next start follows.
    const saved = openLocalInbox({ home, watch: false });
    saved.mirror.saveConnection(relay.url, token);
    saved.close();

    const agent = await startAgent(home, await freePort());
    const status = async () =>
      (
        await agent.call<{ relay: { state: string; member: string | null; text: string } | null }>(
          'get_inbox_status',
        )
      ).relay;
    await expect.poll(status, { timeout: 15_000 }).toMatchObject({ state: 'connected', member: 'alice' });

    const made = await agent.call<{ endpoint_id: string; url: string; url_kind: string }>(
      'register_webhook',
      // The sender in this test does not sign (register_webhook makes a secret by default).
      { label: 'github-agent', secret: null },
    );
    expect(made.url).toBe(`${relay.url}/h/${made.endpoint_id}`);
    expect(made.url_kind).toBe('public');
    const onRelay = async () =>
      ((await relay.api(token, 'GET', '/endpoints')).json as { endpoints: { id: string }[] }).endpoints.map(
        (e) => e.id,
      );
    await expect.poll(onRelay, { timeout: 10_000 }).toContain(made.endpoint_id);

    await sendEvents(relay.url, made.endpoint_id, 2);
    const got = await agent.call<{ events: { event_id: string }[] }>('wait_for_events', {
      endpoint: 'github-agent',
      timeout_seconds: 20,
    });
    expect(got.events.length).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('--relay without a token is a usage error that says where the token comes from', () => {
    const r = runCli(tempHome(), ['mcp', '--relay', 'http://127.0.0.1:9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--relay-token T \(or HOOKLINE_RELAY_TOKEN\)/);
  });
});
