import { describe, expect, it } from 'vitest';
import { type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

describe('hookline mcp: arguments an agent gets wrong', () => {
  it('accepts back the null cursor an empty page returned', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'cursors', secret: null });
    const empty = await agent.call<PageOut>('poll_events', { endpoint: hook.endpoint_id });
    expect(empty.cursor).toBeNull();
    await postJson(hook.url, { n: 1 });
    const next = await agent.call<PageOut>('poll_events', {
      endpoint: hook.endpoint_id,
      cursor: empty.cursor,
    });
    expect(next.events).toHaveLength(1);
    const waited = await agent.call<PageOut>('wait_for_events', { cursor: null, timeout_seconds: 1 });
    expect(waited.events).toHaveLength(1);
  });

  it('rejects unknown arguments on every tool and names the key that was meant', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'two', secret: null });
    await postJson(hook.url, { n: 1 });

    expect(await agent.fail('poll_events', { endpoint_id: 'two' })).toMatch(
      /unknown argument endpoint_id; did you mean endpoint\?/,
    );
    expect(await agent.fail('wait_for_events', { timeout: 1 })).toMatch(
      /unknown argument timeout; did you mean timeout_seconds\?/,
    );
    expect(await agent.fail('get_event', { id: 'evt_x', evnt_id: 'evt_x' })).toMatch(
      /unknown argument evnt_id; did you mean event_id\?/,
    );
    expect(await agent.fail('search_events', { query: 'n', endpoints: 'two' })).toMatch(
      /did you mean endpoint\?/,
    );
    expect(await agent.fail('get_inbox_status', { verbose: true })).toMatch(
      /unknown argument verbose.*takes: none/,
    );
    const { tools } = await agent.client.listTools();
    for (const tool of tools) {
      const text = await agent.fail(tool.name, { zz_not_an_argument: 1 });
      expect(text, tool.name).toMatch(/unknown argument zz_not_an_argument/);
    }
  });
});
