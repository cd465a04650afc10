/** Filters on poll_events, wait_for_events and search_events through the real MCP client. */
import { describe, expect, it } from 'vitest';
import { type Agent, type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

interface Sent {
  sent: { event_id: string | null; status: number | null }[];
}

interface Typed {
  provider_event_type: string | null;
  endpoint_label: string | null;
  verification: { status: string };
  received_at: string;
  event_id: string;
}

const types = (page: { events: unknown[] }) =>
  (page.events as Typed[]).map((e) => e.provider_event_type).sort();

async function send(agent: Agent, webhook: string, eventType: string, secret?: string): Promise<string> {
  const out = await agent.call<Sent>('trigger_event', {
    provider: 'stripe',
    event_type: eventType,
    webhook,
    ...(secret ? { secret } : {}),
  });
  const id = out.sent[0]?.event_id;
  if (!id) throw new Error(`trigger_event sent nothing: ${JSON.stringify(out)}`);
  return id;
}

/** Two stripe endpoints with a few typed events, one forged (invalid). */
async function seeded(): Promise<{ agent: Agent; billing: WebhookOut; shop: WebhookOut }> {
  const { agent } = await startLeadingAgent();
  const billing = await agent.call<WebhookOut>('register_webhook', {
    label: 'billing',
    provider: 'stripe',
    secret: 'whsec_billing',
  });
  const shop = await agent.call<WebhookOut>('register_webhook', {
    label: 'shop',
    provider: 'stripe',
    secret: 'whsec_shop',
  });
  await send(agent, 'billing', 'invoice.paid');
  await send(agent, 'billing', 'invoice.payment_failed');
  await send(agent, 'billing', 'customer.created');
  await send(agent, 'shop', 'customer.subscription.created');
  await send(agent, 'shop', 'charge.refunded');
  await send(agent, 'shop', 'invoice.paid', 'whsec_forged');
  return { agent, billing, shop };
}

describe('hookline mcp: filters', () => {
  it('filters by event type glob (prefix and suffix), endpoints, verdicts — on poll, wait and search', async () => {
    const { agent, shop } = await seeded();

    const invoices = await agent.call<PageOut>('poll_events', {
      filter: { type: 'invoice.*' },
      detail: 'summary',
    });
    expect(types(invoices)).toEqual(['invoice.paid', 'invoice.payment_failed']);
    const created = await agent.call<PageOut>('poll_events', {
      filter: { type: '*.created' },
      detail: 'summary',
    });
    expect(types(created)).toEqual(['customer.created', 'customer.subscription.created']);
    const either = await agent.call<PageOut>('poll_events', {
      filter: { type: ['charge.*', 'customer.created'] },
      detail: 'summary',
    });
    expect(types(either)).toEqual(['charge.refunded', 'customer.created']);
    const exact = await agent.call<PageOut>('poll_events', {
      filter: { type: 'invoice.paid' },
      detail: 'summary',
    });
    expect(types(exact)).toEqual(['invoice.paid']);

    // Endpoints: one by label, several by "a,b" or by id list.
    const fromShop = await agent.call<PageOut>('poll_events', { endpoint: 'shop', detail: 'summary' });
    expect(types(fromShop)).toEqual(['charge.refunded', 'customer.subscription.created']);
    const both = await agent.call<PageOut>('poll_events', {
      endpoint: 'billing,shop',
      filter: { type: 'invoice.*' },
    });
    expect(types(both)).toEqual(['invoice.paid', 'invoice.payment_failed']);
    const byIds = await agent.call<PageOut>('poll_events', { endpoint: [shop.endpoint_id, 'billing'] });
    expect(byIds.events).toHaveLength(5);

    // Asking for a verdict is asking for those events, quarantined ones included.
    const invalid = await agent.call<PageOut>('poll_events', {
      filter: { verdict: 'invalid' },
      detail: 'summary',
    });
    expect(
      (invalid.events as unknown as Typed[]).map((e) => [e.endpoint_label, e.provider_event_type]),
    ).toEqual([['shop', 'invoice.paid']]);
    const valid = await agent.call<PageOut>('poll_events', {
      filter: { verdict: ['valid'], type: 'invoice.*' },
    });
    expect(types(valid)).toEqual(['invoice.paid', 'invoice.payment_failed']);

    const waited = await agent.call<PageOut>('wait_for_events', {
      filter: { type: 'charge.*' },
      timeout_seconds: 1,
      detail: 'summary',
    });
    expect(types(waited)).toEqual(['charge.refunded']);

    const found = await agent.call<PageOut>('search_events', {
      query: 'object',
      filter: { type: 'customer.*' },
    });
    expect(types(found)).toEqual(['customer.created', 'customer.subscription.created']);
    const foundInvalid = await agent.call<PageOut>('search_events', {
      query: 'invoice',
      filter: { verdict: 'invalid' },
    });
    expect(types(foundInvalid)).toEqual(['invoice.paid']);
  });

  it('filters by since/until (ISO or ms) and keeps cursors working with filters', async () => {
    const { agent } = await seeded();
    const all = await agent.call<PageOut>('poll_events', { detail: 'summary', include_untrusted: true });
    const times = (all.events as unknown as Typed[]).map((e) => Date.parse(e.received_at));
    const middle = times[3] ?? 0;
    const later = await agent.call<PageOut>('poll_events', {
      filter: { since: new Date(middle).toISOString() },
      include_untrusted: true,
      detail: 'summary',
    });
    expect(later.events.length).toBeGreaterThan(0);
    for (const e of later.events as unknown as Typed[])
      expect(Date.parse(e.received_at)).toBeGreaterThanOrEqual(middle);
    const earlier = await agent.call<PageOut>('poll_events', {
      filter: { until: String(middle) },
      include_untrusted: true,
      detail: 'summary',
    });
    for (const e of earlier.events as unknown as Typed[])
      expect(Date.parse(e.received_at)).toBeLessThan(middle);
    expect(later.events.length + earlier.events.length).toBe(6);
    const none = await agent.call<PageOut>('poll_events', { filter: { since: Date.now() + 3_600_000 } });
    expect(none.events).toEqual([]);

    // Page through invoices one at a time: the cursor carries on with the filter.
    const first = await agent.call<PageOut>('poll_events', {
      filter: { type: 'invoice.*' },
      limit: 1,
      detail: 'summary',
    });
    expect(first.has_more).toBe(true);
    const second = await agent.call<PageOut>('poll_events', {
      filter: { type: 'invoice.*' },
      limit: 1,
      cursor: first.cursor,
      detail: 'summary',
    });
    const third = await agent.call<PageOut>('poll_events', {
      filter: { type: 'invoice.*' },
      limit: 1,
      cursor: second.cursor,
      detail: 'summary',
    });
    expect([...types(first), ...types(second)]).toEqual(['invoice.paid', 'invoice.payment_failed']);
    expect(third.events).toEqual([]);
    expect(third.has_more).toBe(false);
  });

  it('rejects wrong filter values with errors that name the field, and unknown keys as before', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'plain' });
    await postJson(hook.url, { n: 1 });
    expect(await agent.fail('poll_events', { filter: { verdict: 'ok' } })).toMatch(
      /filter.verdict: "ok" is not a verdict; use valid/,
    );
    expect(await agent.fail('poll_events', { filter: { since: 'yesterday' } })).toMatch(
      /filter.since: "yesterday" is not a time/,
    );
    expect(await agent.fail('wait_for_events', { filter: { until: 'soon' }, timeout_seconds: 1 })).toMatch(
      /filter.until:/,
    );
    expect(
      await agent.fail('search_events', { query: 'n', filter: { since: '2026-01-02', until: '2026-01-01' } }),
    ).toMatch(/filter.since must be before filter.until/);
    expect(await agent.fail('poll_events', { endpoint: 'plain,nowhere' })).toMatch(
      /Endpoint "nowhere" not found/,
    );
    expect(await agent.fail('poll_events', { filter: { type: 7 } })).toMatch(/filter.type: pass a string/);
    expect(await agent.fail('poll_events', { filter: { types: 'invoice.*' } })).toMatch(
      /filter: unknown argument types; did you mean type\?/,
    );
    expect(await agent.fail('poll_events', { type: 'invoice.*' })).toMatch(
      /unknown argument type; it goes inside filter: \{type: …\}/,
    );
  });
});
