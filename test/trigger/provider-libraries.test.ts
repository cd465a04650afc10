/**
 * Every event in the trigger catalogue verifies with the provider's own library where one is
 * installed (stripe, @octokit/webhooks-methods, standardwebhooks, svix, twilio) and with the
 * documented algorithm, computed here independently, for the others.
 */
import { createHmac } from 'node:crypto';
import { verify as githubVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../electron/signatures';
import { type BuiltTrigger, buildTrigger } from '../../electron/trigger/build';
import { listTriggerTypes } from '../../electron/trigger/catalogue';
import type { HeaderPair } from '../../shared/types';

const URL = 'https://hooks.example.test/h/ep_trigger?x=1';
const SECRETS: Record<string, string> = {
  github: 'gh-secret',
  stripe: 'whsec_stripe_test_secret',
  'standard-webhooks': 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  svix: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  clerk: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  shopify: 'shpss_secret',
  slack: '8f742231b10e8888abcd99yyyzzz85a5',
  twilio: '12345678901234567890123456789012',
  paddle: 'pdl_ntfset_secret',
  linear: 'lin_wh_secret',
  square: 'sq-signature-key',
  zoom: 'zoom-secret-token',
  intercom: 'intercom-client-secret',
};

const hmac = (alg: string, key: string, data: string | Buffer) => createHmac(alg, key).update(data);
const header = (headers: HeaderPair[], name: string) =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const record = (headers: HeaderPair[]) => Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v]));

async function providerAccepts(provider: string, built: BuiltTrigger, secret: string): Promise<boolean> {
  const body = Buffer.from(built.body);
  const text = body.toString('utf8');
  const h = (name: string) => header(built.headers, name);
  switch (provider) {
    case 'stripe':
      return Stripe.webhooks.constructEvent(text, h('stripe-signature'), secret).id.startsWith('evt_');
    case 'github':
      return (
        (await githubVerify(secret, text, h('x-hub-signature-256'))) &&
        h('x-hub-signature') === `sha1=${hmac('sha1', secret, body).digest('hex')}`
      );
    case 'standard-webhooks':
      new Webhook(secret).verify(text, record(built.headers));
      return true;
    case 'svix':
    case 'clerk':
      new SvixWebhook(secret).verify(text, record(built.headers));
      return h('svix-id').startsWith('msg_');
    case 'twilio':
      return twilio.validateRequest(
        secret,
        h('x-twilio-signature'),
        URL,
        Object.fromEntries(new URLSearchParams(text)),
      );
    case 'shopify':
      return h('x-shopify-hmac-sha256') === hmac('sha256', secret, body).digest('base64');
    case 'slack': {
      const ts = h('x-slack-request-timestamp');
      return h('x-slack-signature') === `v0=${hmac('sha256', secret, `v0:${ts}:${text}`).digest('hex')}`;
    }
    case 'paddle': {
      const [ts, h1] = h('paddle-signature')
        .split(';')
        .map((p) => p.split('=')[1]);
      return h1 === hmac('sha256', secret, `${ts}:${text}`).digest('hex');
    }
    case 'linear':
      return h('linear-signature') === hmac('sha256', secret, body).digest('hex');
    case 'square':
      return h('x-square-hmacsha256-signature') === hmac('sha256', secret, URL + text).digest('base64');
    case 'zoom': {
      const ts = h('x-zm-request-timestamp');
      return h('x-zm-signature') === `v0=${hmac('sha256', secret, `v0:${ts}:${text}`).digest('hex')}`;
    }
    case 'intercom':
      return h('x-hub-signature') === `sha1=${hmac('sha1', secret, body).digest('hex')}`;
    default:
      throw new Error(`no oracle for ${provider}`);
  }
}

describe('trigger catalogue', () => {
  const types = listTriggerTypes();

  it('has at least five event types for every provider, and every GitHub event', () => {
    const counts = new Map<string, number>();
    for (const t of types) counts.set(t.provider, (counts.get(t.provider) ?? 0) + 1);
    for (const provider of Object.keys(SECRETS)) expect(counts.get(provider) ?? 0).toBeGreaterThanOrEqual(5);
    expect(counts.get('github')).toBeGreaterThan(100);
    expect(types.some((t) => t.provider === 'github' && t.type === 'pull_request.opened')).toBe(true);
  });

  it("signs every event so the provider's own library (or documented algorithm) accepts it", async () => {
    const now = Date.now();
    for (const t of types) {
      const secret = SECRETS[t.provider] ?? '';
      const built = buildTrigger({
        provider: t.provider,
        type: t.type,
        secret,
        signedUrl: URL,
        verify: { toleranceSeconds: 300 },
        now,
      });
      const accepted = await providerAccepts(t.provider, built, secret).catch((error: unknown) => error);
      expect(accepted, `${t.provider} ${t.type}`).toBe(true);
      const own = verifyRequest(
        { method: 'POST', url: URL, headers: built.headers, body: built.body },
        'auto',
        [secret],
        { toleranceSeconds: 300 },
        now,
      );
      expect(own.status, `${t.provider} ${t.type}: ${own.reason}`).toBe('valid');
    }
  });

  it('regenerates ids and timestamps per send', () => {
    const build = (now: number) =>
      buildTrigger({
        provider: 'stripe',
        type: 'invoice.paid',
        secret: 's',
        signedUrl: URL,
        verify: { toleranceSeconds: 300 },
        now,
      });
    const a = JSON.parse(Buffer.from(build(1_700_000_000_000).body).toString());
    const b = JSON.parse(Buffer.from(build(1_700_000_100_000).body).toString());
    expect(a.id).not.toBe(b.id);
    expect(a.data.object.id).not.toBe(b.data.object.id);
    expect(b.created - a.created).toBe(100);
  });

  it('applies --set edits by path before signing, JSON values and text alike', () => {
    const built = buildTrigger({
      provider: 'stripe',
      type: 'payment_intent.succeeded',
      sets: ['data.object.amount=500', 'data.object.metadata.order=A-1', 'data.object.tags=["x"]'],
      secret: 'whsec_x',
      signedUrl: URL,
      verify: { toleranceSeconds: 300 },
      now: Date.now(),
    });
    const body = JSON.parse(Buffer.from(built.body).toString());
    expect(body.data.object.amount).toBe(500);
    expect(body.data.object.metadata.order).toBe('A-1');
    expect(body.data.object.tags).toEqual(['x']);
    expect(
      Stripe.webhooks.constructEvent(
        Buffer.from(built.body),
        header(built.headers, 'stripe-signature'),
        'whsec_x',
      ).type,
    ).toBe('payment_intent.succeeded');
  });

  it('explains an unknown provider or type, with what exists', () => {
    const spec = { secret: 's', signedUrl: URL, verify: { toleranceSeconds: 300 }, now: Date.now() };
    expect(() => buildTrigger({ ...spec, provider: 'acme', type: 'x' })).toThrow(
      /Choose one of: github, stripe/,
    );
    expect(() => buildTrigger({ ...spec, provider: 'stripe', type: 'invoice.exploded' })).toThrow(
      /similar: invoice.paid, invoice.payment_failed.*--list stripe/,
    );
    expect(() => buildTrigger({ ...spec, provider: 'stripe', type: 'invoice.paid', sets: ['nope'] })).toThrow(
      /not path=value/,
    );
  });
});
