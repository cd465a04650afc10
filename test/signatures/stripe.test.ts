/** Stripe: oracle is the official stripe SDK (generateTestHeaderString / constructEvent). */
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const BODY = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'payment_intent.succeeded',
  data: { object: {} },
});
const SECRET = 'whsec_dGhpcyBpcyBhIHN0cmlwZSB0ZXN0IHNlY3JldA==';
const OTHER = 'whsec_b3RoZXIgc3RyaXBlIHNlY3JldA==';

function stripeHeader(body: string, secret: string, at: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: Math.floor(at / 1000),
  });
}

schemeSuite({
  provider: 'stripe',
  secret: SECRET,
  otherSecret: OTHER,
  thirdSecret: 'whsec_dGhpcmQgc3RyaXBlIHNlY3JldA==',
  body: BODY,
  timestamped: true,
  signatureHeaders: ['Stripe-Signature'],
  oracleSign: (body, secret, at) =>
    request(body, [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Stripe-Signature', stripeHeader(body, secret, at)],
    ]),
  oracleVerify: (req, secret) => {
    try {
      Stripe.webhooks.constructEvent(
        Buffer.from(req.body),
        header(req.headers, 'stripe-signature') ?? '',
        secret,
        300,
        undefined,
        NOW,
      );
      return true;
    } catch {
      return false;
    }
  },
  // During a secret roll Stripe sends one v1 per secret, under one t=.
  oracleSignTwice: (body, [a, b], at) => {
    const first = stripeHeader(body, a, at);
    const second =
      stripeHeader(body, b, at)
        .split(',')
        .find((part) => part.startsWith('v1=')) ?? '';
    return request(body, [['Stripe-Signature', `${first},${second},v0=deadbeef`]]);
  },
});

describe('stripe: parsing and hints', () => {
  it('explains a secret that the sender base64-decoded (Standard Webhooks style)', () => {
    const t = Math.floor(NOW / 1000);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const v1 = createHmac('sha256', key).update(`${t}.${BODY}`).digest('hex');
    const result = verifyRequest(
      request(BODY, [['Stripe-Signature', `t=${t},v1=${v1}`]]),
      'stripe',
      [SECRET],
      OPTIONS,
      NOW,
    );
    expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
    expect(result.reason).toMatch(/base64-decoded bytes after whsec_/);
    expect(result.reason).toMatch(/Stripe uses the whole whsec_… string/);
  });

  it('shows the exact signed content t.body', () => {
    const req = request(BODY, [['Stripe-Signature', stripeHeader(BODY, SECRET, NOW)]]);
    const result = verifyRequest(req, 'stripe', [OTHER], OPTIONS, NOW);
    expect(result.diagnostics?.signedContent).toBe(`${Math.floor(NOW / 1000)}.${BODY}`);
    expect(result.diagnostics?.header).toBe('Stripe-Signature');
  });

  it('ignores v0 signatures and reports a header without t= or v1= as invalid', () => {
    const t = Math.floor(NOW / 1000);
    const v0only = request(BODY, [['Stripe-Signature', `t=${t},v0=abc`]]);
    expect(verifyRequest(v0only, 'stripe', [SECRET], OPTIONS, NOW)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/no v1= signature/),
    });
    const noT = request(BODY, [['Stripe-Signature', 'v1=abc']]);
    expect(verifyRequest(noT, 'stripe', [SECRET], OPTIONS, NOW).reason).toMatch(/no t= timestamp/);
    const absurd = request(BODY, [['Stripe-Signature', 't=99999999999999999999,v1=ab']]);
    expect(verifyRequest(absurd, 'stripe', [SECRET], OPTIONS, NOW).reason).toMatch(/not a Unix timestamp/);
  });

  it('hints at whitespace around the configured secret', () => {
    const req = request(BODY, [['Stripe-Signature', stripeHeader(BODY, SECRET, NOW)]]);
    const result = verifyRequest(req, 'stripe', [` ${SECRET}\n`], OPTIONS, NOW);
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(/whitespace/);
  });

  it('hints at a pretty-printed body', () => {
    const compact = JSON.stringify({ id: 'evt_2', type: 'charge.succeeded' });
    const req = request(JSON.stringify(JSON.parse(compact), null, 2), [
      ['Stripe-Signature', stripeHeader(compact, SECRET, NOW)],
    ]);
    const result = verifyRequest(req, 'stripe', [SECRET], OPTIONS, NOW);
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(/Body was changed on the way.*compact JSON/);
  });

  it('signs exactly like the SDK for the same timestamp', () => {
    const headers = signRequest(request(BODY, []), 'stripe', SECRET, OPTIONS, NOW);
    expect(header(headers, 'stripe-signature')).toBe(stripeHeader(BODY, SECRET, NOW));
  });
});
