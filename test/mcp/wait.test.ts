import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type PageOut, type WebhookOut, postJson, startAgent, startLeadingAgent } from './agent';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hookline mcp: wait_for_events', () => {
  it('returns at once when something is pending, and wakes on a POST made while it waits', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'w', secret: null });
    const first = await postJson(hook.url, { n: 1 });
    const ready = await agent.call<PageOut>('wait_for_events', { endpoint: 'w', timeout_seconds: 50 });
    expect(ready.events.map((e) => e.event_id)).toEqual([first.json.event_id]);

    const waiting = agent.call<PageOut>('wait_for_events', { cursor: ready.cursor, timeout_seconds: 30 });
    await sleep(300);
    const posted = Date.now();
    const second = await postJson(hook.url, { n: 2 });
    const woke = await waiting;
    const after = Date.now() - posted;
    expect(woke.timed_out).toBe(false);
    expect(woke.events.map((e) => e.event_id)).toEqual([second.json.event_id]);
    expect(woke.pending_count).toBe(2); // the first is still pending: counts follow new events
    // Not a timing assertion (bench/agent-latency.mjs measures that): only proof it woke, not timed out.
    expect(after).toBeLessThan(10_000);
  });

  it('times out with an empty, non-error result', async () => {
    const home = tempHome();
    const agent = await startAgent(home, await freePort());
    await agent.call('register_webhook', { label: 'quiet', secret: null });
    const result = (await agent.client.callTool({
      name: 'wait_for_events',
      arguments: { endpoint: 'quiet', timeout_seconds: 1 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      events: [],
      timed_out: true,
      cursor: null,
      has_more: false,
    });
  });

  it('wakes two agents on one endpoint for an event received by another process (serve leads)', async () => {
    const home = tempHome();
    const port = await freePort();
    await startServe(home, [
      '--port',
      String(port),
      '--ui-port',
      String(await freePort()),
      '--tunnel',
      'none',
    ]);
    const [a, b] = await Promise.all([startAgent(home, port, 'agent-a'), startAgent(home, port, 'agent-b')]);
    const hook = await a.call<WebhookOut>('register_webhook', { label: 'shared', secret: null });
    const waits = [a, b].map((agent) =>
      agent.call<PageOut>('wait_for_events', { endpoint: 'shared', timeout_seconds: 30 }),
    );
    await sleep(300);
    const sent = await postJson(hook.url, { hello: 'both' });
    const [ra, rb] = await Promise.all(waits);
    expect(ra?.events.map((e) => e.event_id)).toEqual([sent.json.event_id]);
    expect(rb?.events.map((e) => e.event_id)).toEqual([sent.json.event_id]);
    const status = await a.call<{ agents: { client: string }[] }>('get_inbox_status');
    expect(status.agents.map((x) => x.client).sort()).toEqual(['agent-a', 'agent-b']);
  });

  it('sends progress notifications, honours cancellation, and keeps serving afterwards', async () => {
    const home = tempHome();
    const agent = await startAgent(home, await freePort());
    await agent.call('register_webhook', { label: 'slow', secret: null });
    const progress: { progress: number; total?: number }[] = [];
    const timedOut = await agent.client.callTool(
      { name: 'wait_for_events', arguments: { timeout_seconds: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    );
    expect(timedOut.structuredContent).toMatchObject({ timed_out: true });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]?.total).toBe(3000);

    const controller = new AbortController();
    const cancelled = agent.client.callTool(
      { name: 'wait_for_events', arguments: { timeout_seconds: 50 } },
      undefined,
      {
        signal: controller.signal,
      },
    );
    await sleep(200);
    controller.abort('user moved on');
    await expect(cancelled).rejects.toThrow();
    const page = await agent.call<PageOut>('poll_events', {});
    expect(page.events).toEqual([]);
  });
});
