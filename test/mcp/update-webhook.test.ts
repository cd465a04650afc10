import { createHmac } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { type PageOut, type WebhookOut, startLeadingAgent } from './agent';

interface UpdateOut {
  endpoint_id: string;
  provider: string;
  secret_count: number;
  forward_to: string | null;
  paused: boolean;
  reject_invalid: boolean;
  response: { status: number; headers: Record<string, string>; body: string; delay_ms: number } | null;
  hmac: { header: string; algorithm: string; encoding: string; prefix: string } | null;
  expires_at: string | null;
  event_types: string[] | null;
}

const hexHmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** POSTs raw text; returns status, headers and body text (what a sender sees). */
async function send(url: string, body: string, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

describe('hookline mcp: update_webhook', () => {
  it('defect 8: an agent fixes the signature scheme it registered, and reverify_events releases what was quarantined', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'notify',
      secret: 'n0tify-secret',
    });
    const body = JSON.stringify({ task: 'task_1', status: 'completed' });
    const first = await send(hook.url, body, { 'X-Webhook-Signature': hexHmac('n0tify-secret', body) });
    expect(first.status).toBe(200);
    const firstId = (JSON.parse(first.text) as { event_id: string }).event_id;

    // Unknown header with a secret configured: quarantined, so the agent's wait times out.
    const waited = await agent.call<PageOut>('wait_for_events', { endpoint: 'notify', timeout_seconds: 1 });
    expect(waited).toMatchObject({ events: [], timed_out: true, quarantined: 1 });

    const updated = await agent.call<UpdateOut>('update_webhook', {
      endpoint: 'notify',
      hmac: { header: 'X-Webhook-Signature' },
    });
    expect(updated).toMatchObject({
      provider: 'generic',
      hmac: { header: 'X-Webhook-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' },
    });

    const reverified = await agent.call<{ results: { status: string; trusted: boolean; saved: boolean }[] }>(
      'reverify_events',
      { event_ids: [firstId], save: true },
    );
    expect(reverified.results[0]).toMatchObject({ status: 'valid', trusted: true, saved: true });
    const page = await agent.call<PageOut>('poll_events', { endpoint: 'notify' });
    expect(page.events.map((e) => e.event_id)).toEqual([firstId]);
    expect(page.quarantined).toBe(0);

    // New deliveries verify as they arrive; a forged one stays quarantined.
    const next = JSON.stringify({ task: 'task_2', status: 'completed' });
    await send(hook.url, next, { 'X-Webhook-Signature': hexHmac('n0tify-secret', next) });
    await send(hook.url, next, { 'X-Webhook-Signature': hexHmac('forged', next) });
    const after = await agent.call<PageOut>('poll_events', { endpoint: 'notify' });
    expect(after.events.map((e) => e.verification.status)).toEqual(['valid', 'valid']);
    expect(after.quarantined).toBe(1);
  });

  it('rotates secrets, makes the sender retry with a custom response, pauses, rejects invalid, forwards', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'gh',
      provider: 'github',
      secret: 'old-secret',
    });
    const body = '{"action":"opened"}';
    const sig = (secret: string) => ({ 'x-hub-signature-256': `sha256=${hexHmac(secret, body)}` });

    // Rotation: add the new secret, then remove the old one; the result counts, never shows, them.
    expect(
      await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', add_secrets: ['new-secret'] }),
    ).toMatchObject({ secret_count: 2 });
    expect(
      await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', remove_secrets: ['old-secret'] }),
    ).toMatchObject({ secret_count: 1 });
    expect(await agent.fail('update_webhook', { endpoint: 'gh', remove_secrets: ['never-stored'] })).toMatch(
      /does not have that secret/,
    );
    await send(hook.url, body, sig('new-secret'));
    await send(hook.url, body, sig('old-secret'));
    const rotated = await agent.call<PageOut>('poll_events', { endpoint: 'gh' });
    expect(rotated.events).toHaveLength(1);
    expect(rotated.quarantined).toBe(1);

    // A 500 with a body and a header: the sender sees exactly that (and retries, as senders do).
    const custom = await agent.call<UpdateOut>('update_webhook', {
      endpoint: 'gh',
      response: { status: 500, headers: { 'retry-after': '1' }, body: 'try again' },
    });
    expect(custom.response).toEqual({
      status: 500,
      headers: { 'retry-after': '1' },
      body: 'try again',
      delay_ms: 0,
    });
    const failed = await send(hook.url, body, sig('new-secret'));
    expect(failed).toMatchObject({ status: 500, text: 'try again' });
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(
      (await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', response: null })).response,
    ).toBeNull();
    expect((await send(hook.url, body, sig('new-secret'))).status).toBe(200);

    // Pause: 503, nothing stored; resume.
    expect((await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', paused: true })).paused).toBe(
      true,
    );
    expect((await send(hook.url, body, sig('new-secret'))).status).toBe(503);
    await agent.call('update_webhook', { endpoint: 'gh', paused: false });
    expect((await send(hook.url, body, sig('new-secret'))).status).toBe(200);

    // reject_invalid: a bad signature gets 401.
    await agent.call('update_webhook', { endpoint: 'gh', reject_invalid: true });
    expect((await send(hook.url, body, sig('wrong'))).status).toBe(401);

    // forward_to: set, then removed with null; a bad URL names the argument.
    const received: string[] = [];
    const target = http.createServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => {
        text += d.toString();
      });
      req.on('end', () => {
        received.push(text);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const address = target.address();
    const targetUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    try {
      expect(
        (await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', forward_to: targetUrl })).forward_to,
      ).toBe(targetUrl);
      await send(hook.url, body, sig('new-secret'));
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual([body]);
      expect(
        (await agent.call<UpdateOut>('update_webhook', { endpoint: 'gh', forward_to: null })).forward_to,
      ).toBeNull();
    } finally {
      target.close();
    }
    expect(await agent.fail('update_webhook', { endpoint: 'gh', forward_to: 'ftp://x' })).toMatch(
      /forward_to/,
    );
    expect(await agent.fail('update_webhook', { endpoint: 'gh', provider: 'nope' })).toMatch(/nope/);
    expect(await agent.fail('update_webhook', { endpoint: 'gh', secret: 'x' })).toMatch(/did you mean/);
    expect(await agent.fail('update_webhook', { endpoint: 'missing', paused: true })).toMatch(/not found/);
  });

  it('changes which event types agents are handed, and when the endpoint expires', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'jobs',
      secret: null,
      event_types: ['invoice.*'],
    });
    const typed = (type: string) => send(hook.url, JSON.stringify({ type, data: {} }));
    await typed('invoice.paid');
    await typed('charge.refunded');
    const types = async () =>
      (await agent.call<PageOut>('poll_events', { endpoint: 'jobs' })).events.map(
        (e) => e.provider_event_type,
      );
    expect(await types()).toEqual(['invoice.paid']);

    // Widen to every type: what arrives from now on is handed out (what arrived outside the filter
    // stays out of plain polls; an agent reads it with filter {type}).
    const all = await agent.call<UpdateOut>('update_webhook', { endpoint: 'jobs', event_types: null });
    expect(all.event_types).toBeNull();
    await typed('charge.succeeded');
    expect(await types()).toEqual(['invoice.paid', 'charge.succeeded']);
    const narrowed = await agent.call<UpdateOut>('update_webhook', {
      endpoint: 'jobs',
      event_types: ['charge.*'],
    });
    expect(narrowed.event_types).toEqual(['charge.*']);
    await typed('invoice.created');
    expect(await types()).toEqual(['invoice.paid', 'charge.succeeded']);
    const outside = await agent.call<PageOut>('poll_events', {
      endpoint: 'jobs',
      filter: { type: 'charge.*' },
    });
    expect(outside.events).toHaveLength(2);

    // Expiry: set, lifted with null, then set short — after it the sender gets 410 Gone.
    const later = await agent.call<UpdateOut>('update_webhook', { endpoint: 'jobs', expires_in: 3600 });
    expect(Date.parse(later.expires_at ?? '') - Date.now()).toBeGreaterThan(3_500_000);
    expect(
      (await agent.call<UpdateOut>('update_webhook', { endpoint: 'jobs', expires_in: null })).expires_at,
    ).toBeNull();
    await agent.call('update_webhook', { endpoint: 'jobs', expires_in: 1 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await typed('charge.late')).status).toBe(410);
    expect(await agent.fail('update_webhook', { endpoint: 'jobs', expires_in: 0 })).toMatch(/expires_in/);
  });
});
