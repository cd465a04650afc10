import { ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process';
import { startLeadingAgent } from './agent';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

describe('hookline mcp: resources/list_changed', () => {
  it('advertises listChanged and sends it when endpoints change, also from another process', async () => {
    const { agent, home } = await startLeadingAgent();
    expect(agent.client.getServerCapabilities()?.resources?.listChanged).toBe(true);
    let notices = 0;
    agent.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
      notices++;
    });

    await agent.call('register_webhook', { label: 'first', secret: null });
    await until(() => notices > 0);
    expect(notices).toBeGreaterThan(0);

    const seen = notices;
    expect(runCli(home, ['endpoints', 'create', 'from-cli']).code).toBe(0);
    await until(() => notices > seen);
    expect(notices).toBeGreaterThan(seen);

    const before = notices;
    await agent.call('unregister_webhook', { label: 'first' });
    await until(() => notices > before);
    expect(notices).toBeGreaterThan(before);
    const listed = await agent.client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain('hookline://endpoints');
  });
});
