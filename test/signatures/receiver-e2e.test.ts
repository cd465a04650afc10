import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';

const stripeSecret = 'whsec_test_secret_for_hookline';
const payload = JSON.stringify({
  id: 'evt_1Stripe',
  object: 'event',
  type: 'invoice.paid',
  data: { object: { amount: 100 } },
});

function stripeHeader(body: string, secret = stripeSecret): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
}

describe('verification at receipt, end to end', () => {
  it('stores a Stripe-signed request as valid with its event id and type', async () => {
    const { inbox, url } = await startInboxServer();
    const endpoint = inbox.createEndpoint(
      { label: 'stripe', provider: 'stripe', secrets: [stripeSecret] },
      'cli',
    );
    const res = await fetch(url(endpoint.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeHeader(payload) },
      body: payload,
    });
    expect(res.status).toBe(200);
    const event = inbox.getEvent(res.headers.get('x-hookline-event-id') ?? '');
    expect(event.verification).toMatchObject({
      status: 'valid',
      scheme: 'stripe',
      signatureMatched: true,
      fresh: true,
    });
    expect(event).toMatchObject({
      provider: 'stripe',
      providerEventId: 'evt_1Stripe',
      providerEventType: 'invoice.paid',
    });
  });

  it('auto-detects Standard Webhooks and rejects a tampered body with 401 when asked, still storing it flagged', async () => {
    const { inbox, url } = await startInboxServer();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const endpoint = inbox.createEndpoint({ label: 'svix', secrets: [secret], rejectInvalid: true }, 'cli');
    const wh = new Webhook(secret);
    const msgId = 'msg_2Lx';
    const now = new Date();
    const body = '{"type":"user.created","data":{"id":"u1"}}';
    const signature = wh.sign(msgId, now, body);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    };
    const good = await fetch(url(endpoint.id), { method: 'POST', headers, body });
    expect(good.status).toBe(200);
    const tampered = await fetch(url(endpoint.id), {
      method: 'POST',
      headers,
      body: body.replace('u1', 'u2'),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: string }).error).toMatch(/Signature rejected/);
    const flagged = inbox.getEvent(tampered.headers.get('x-hookline-event-id') ?? '');
    expect(flagged.verification.status).toBe('invalid');
    expect(flagged.verification.scheme).toBe('standard-webhooks');
    expect(flagged.responseStatus).toBe(401);
    expect(inbox.getEvent(good.headers.get('x-hookline-event-id') ?? '').duplicateOf).toBeNull();
    expect(flagged.duplicateOf).toBe(good.headers.get('x-hookline-event-id'));
  });

  it('`hookline verify` explains a wrong secret and passes with the right one', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint(
      { label: 'wrong', provider: 'stripe', secrets: ['whsec_not_the_one'] },
      'cli',
    );
    const res = await fetch(url(endpoint.id), {
      method: 'POST',
      headers: { 'stripe-signature': stripeHeader(payload) },
      body: payload,
    });
    const id = res.headers.get('x-hookline-event-id') ?? '';
    expect(inbox.getEvent(id).verification.status).toBe('invalid');
    const explained = runCli(home, ['verify', id]);
    expect(explained.code).toBe(1);
    expect(explained.stdout).toContain('Verdict:   invalid (stripe)');
    expect(explained.stdout).toMatch(/Header:\s+Stripe-Signature/i);
    expect(explained.stdout).not.toContain('whsec_not_the_one');
    const fixed = runCli(home, ['verify', id, '--secret', stripeSecret, '--save']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Verdict:   valid (stripe)');
    expect(inbox.getEvent(id).verification.status).toBe('valid');
  });
});
