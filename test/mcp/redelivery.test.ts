import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type PageOut, startLeadingAgent } from './agent';

interface Out {
  event_id: string;
  duplicate_of: string | null;
}
type Page = Omit<PageOut, 'events'> & { events: Out[] };

const sign = (body: string) => createHmac('sha256', 'retry-secret').update(body).digest('hex');

async function send(url: string, body: string, headers: Record<string, string>) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await r.text();
  return r.status;
}

describe('hookline mcp: byte-identical redeliveries', () => {
  it('marks a sender’s retries after a 500 (same body, same signature) as duplicates of the first, and nothing else', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<{ url: string }>('register_webhook', {
      label: 'retry',
      secret: 'retry-secret',
    });
    await agent.call('update_webhook', {
      endpoint: 'retry',
      hmac: { header: 'X-Webhook-Signature' },
      response: { status: 500, body: 'down' },
    });
    const body = '{"id":"task_1010","status":"completed"}';
    const signed = { 'X-Webhook-Signature': sign(body) };
    expect(await send(hook.url, body, signed)).toBe(500);
    expect(await send(hook.url, body, signed)).toBe(500);
    await agent.call('update_webhook', { endpoint: 'retry', response: null });
    expect(await send(hook.url, body, signed)).toBe(200);
    // Not redeliveries: another body, or the same body signed anew (a new message), or unsigned twice.
    const other = '{"id":"task_1010","status":"archived"}';
    await send(hook.url, other, { 'X-Webhook-Signature': sign(other) });
    await send(hook.url, body, { 'X-Webhook-Signature': sign(body), 'X-Webhook-Signature-Timestamp': '1' });

    const page = await agent.call<Page>('poll_events', { endpoint: 'retry', detail: 'summary' });
    const [first, ...rest] = page.events;
    expect(page.events).toHaveLength(5);
    expect(rest.map((e) => e.duplicate_of)).toEqual([first?.event_id, first?.event_id, null, null]);
    expect(first?.duplicate_of).toBeNull();

    const plain = await agent.call<{ url: string }>('register_webhook', { label: 'plain', secret: null });
    await send(plain.url, '{"ping":true}', {});
    await send(plain.url, '{"ping":true}', {});
    const pings = await agent.call<Page>('poll_events', { endpoint: 'plain', detail: 'summary' });
    expect(pings.events.map((e) => e.duplicate_of)).toEqual([null, null]);
  });
});
