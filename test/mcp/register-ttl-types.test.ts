import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process';
import {
  type PageOut,
  type WebhookOut,
  postJson,
  startAgent,
  startLeadingAgent,
  waitForReceiver,
} from './agent';

interface Listed {
  label: string;
  expires_at: string | null;
  expired: boolean;
  event_types: string[] | null;
}

describe('hookline mcp: register_webhook secrets, expiry and event types', () => {
  it('generates a secret by default (shown once, provider-shaped); null or "none" accepts unsigned senders', async () => {
    const { agent } = await startLeadingAgent();
    const made = await agent.call<WebhookOut & { note: string }>('register_webhook', { label: 'made' });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(made.note).toMatch(/secret was generated/);
    const gh = await agent.call<WebhookOut>('register_webhook', { label: 'gh', provider: 'github' });
    expect(gh.secret).toMatch(/^[0-9a-f]{64}$/);
    const sw = await agent.call<WebhookOut>('register_webhook', {
      label: 'sw',
      provider: 'standard-webhooks',
    });
    expect(sw.secret).toMatch(/^whsec_/);
    const stripe = await agent.call<WebhookOut & { note: string }>('register_webhook', {
      label: 'st',
      provider: 'stripe',
    });
    expect(stripe.note).toMatch(/stripe issues its own.*update_webhook/);
    expect((await agent.call<WebhookOut>('register_webhook', { label: 'made' })).secret).toBeNull();

    // A generated secret means an unsigned sender is quarantined; null and "none" opt out.
    await postJson(made.url, { n: 1 });
    expect(await agent.call<PageOut>('poll_events', { endpoint: 'made' })).toMatchObject({
      events: [],
      quarantined: 1,
    });
    for (const [label, secret] of [
      ['open-null', null],
      ['open-none', 'none'],
    ] as const) {
      const open = await agent.call<WebhookOut>('register_webhook', { label, secret });
      expect(open.secret).toBeNull();
      await postJson(open.url, { n: 2 });
      expect((await agent.call<PageOut>('poll_events', { endpoint: label })).events).toHaveLength(1);
    }
  });

  it('an expired endpoint answers 410 Gone, is listed as expired (MCP and CLI), and is removed with its events after the grace', async () => {
    const { agent, port, home } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut & { expires_at: string }>('register_webhook', {
      label: 'short',
      secret: null,
      expires_in: 2,
    });
    expect(Date.parse(hook.expires_at) - Date.now()).toBeGreaterThan(0);
    const kept = await agent.call<WebhookOut>('register_webhook', { label: 'kept', secret: null });
    expect((await postJson(hook.url, { before: true })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    const gone = await fetch(hook.url, { method: 'POST', body: '{"after":true}' });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: string }).error).toMatch(/expired at/);

    const list = await agent.call<{ webhooks: Listed[] }>('list_webhooks', {});
    expect(list.webhooks.find((w) => w.label === 'short')).toMatchObject({ expired: true });
    expect(list.webhooks.find((w) => w.label === 'kept')).toMatchObject({ expired: false, expires_at: null });
    // What arrived before the end stays readable during the grace period.
    expect((await agent.call<PageOut>('poll_events', { endpoint: 'short' })).events).toHaveLength(1);
    const cli = runCli(home, ['endpoints', 'list']);
    expect(cli.stdout).toMatch(/short.*expired/);
    await agent.close();

    // The next leader's housekeeping (grace 0 here) removes the endpoint and its events.
    process.env.HOOKLINE_EXPIRY_GRACE_MS = '0';
    try {
      const next = await startAgent(home, port);
      await waitForReceiver(port);
      let labels: string[] = [];
      for (let i = 0; i < 50; i++) {
        labels = (await next.call<{ webhooks: Listed[] }>('list_webhooks', {})).webhooks.map((w) => w.label);
        if (!labels.includes('short')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(labels).toEqual(['kept']);
      expect((await fetch(hook.url, { method: 'POST', body: '{}' })).status).toBe(404);
      const all = await next.call<PageOut>('poll_events', { include_untrusted: true, status: 'all' });
      expect(all.events).toHaveLength(0);
      expect(kept.url).toMatch(/\/h\//);
    } finally {
      Reflect.deleteProperty(process.env, 'HOOKLINE_EXPIRY_GRACE_MS');
    }
  });

  it('an event-type filter stores and answers every event but hands agents only matching types', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'billing',
      provider: 'github',
      secret: null,
      event_types: ['issues', 'pull_*'],
    });
    const send = (type: string) => postJson(hook.url, { action: 'opened' }, { 'x-github-event': type });
    const statuses = [];
    for (const type of ['issues', 'push', 'pull_request', 'star']) statuses.push((await send(type)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const page = await agent.call<{ events: { provider_event_type: string }[]; pending_count: number }>(
      'poll_events',
      { endpoint: 'billing', detail: 'summary' },
    );
    expect(page.events.map((e) => e.provider_event_type)).toEqual(['issues', 'pull_request']);
    expect(page.pending_count).toBe(2);
    const waited = await agent.call<{ events: unknown[] }>('wait_for_events', {
      endpoint: 'billing',
      timeout_seconds: 1,
    });
    expect(waited.events).toHaveLength(2);
    const found = await agent.call<{ events: unknown[] }>('search_events', {
      query: 'opened',
      endpoint: 'billing',
    });
    expect(found.events).toHaveLength(4);
    const listed = await agent.call<{ webhooks: Listed[] }>('list_webhooks', {});
    expect(listed.webhooks[0]?.event_types).toEqual(['issues', 'pull_*']);
    expect(await agent.fail('register_webhook', { label: 'bad', event_types: ['a b'] })).toMatch(
      /Invalid event type/,
    );
  });
});
