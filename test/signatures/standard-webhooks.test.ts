/** Standard Webhooks: oracles are the standardwebhooks and svix SDKs, plus the spec's example. */
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SignableRequest, signRequest, verifyRequest } from '../../electron/signatures';
import type { HeaderPair } from '../../shared/types';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_c2Vjb25kLXN0YW5kYXJkLXdlYmhvb2tzLWtleQ==';
const BODY = JSON.stringify({ type: 'user.created', data: { id: 'user_1' } });
const ID = 'msg_2a9c8Vx3';

function signed(body: string, secret: string, at: number, prefix = 'webhook'): SignableRequest {
  const signature = new Webhook(secret).sign(ID, new Date(at), body);
  return request(body, [
    ['Content-Type', 'application/json'],
    [`${prefix}-id`, ID],
    [`${prefix}-timestamp`, String(Math.floor(at / 1000))],
    [`${prefix}-signature`, signature],
  ]);
}

function asRecord(headers: HeaderPair[]): Record<string, string> {
  return Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v]));
}

// The SDKs check freshness against Date.now(); pin it to the tests' clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

schemeSuite({
  provider: 'standard-webhooks',
  secret: SECRET,
  otherSecret: OTHER,
  thirdSecret: 'whsec_dGhpcmQtc3RhbmRhcmQta2V5',
  body: BODY,
  timestamped: true,
  signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  oracleSign: (body, secret, at) => signed(body, secret, at),
  oracleVerify: (req, secret) => {
    try {
      new Webhook(secret).verify(Buffer.from(req.body).toString(), asRecord(req.headers));
      return true;
    } catch {
      return false;
    }
  },
  oracleSignTwice: (body, [a, b], at) => {
    const req = signed(body, a, at);
    const second = new Webhook(b).sign(ID, new Date(at), body);
    return {
      ...req,
      headers: req.headers.map(([n, v]) => [n, n === 'webhook-signature' ? `${v} ${second}` : v]),
    };
  },
});

describe('standard-webhooks: spec example, svix, secrets', () => {
  it('verifies the Standard Webhooks spec example', () => {
    const req = request('{"test": 2432232314}', [
      ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
      ['webhook-timestamp', '1614265330'],
      ['webhook-signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ]);
    const result = verifyRequest(req, 'standard-webhooks', [SECRET], OPTIONS, 1614265330_000);
    expect(result.status).toBe('valid');
    expect(result.diagnostics?.signedContent).toBe(
      'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}',
    );
  });

  it('accepts svix-* headers made by the svix SDK, and svix as an alias', () => {
    const at = NOW - 5000;
    const signature = new SvixWebhook(SECRET).sign(ID, new Date(at), BODY);
    const req = request(BODY, [
      ['svix-id', ID],
      ['svix-timestamp', String(Math.floor(at / 1000))],
      ['svix-signature', signature],
    ]);
    expect(verifyRequest(req, 'auto', [SECRET], OPTIONS, NOW)).toMatchObject({
      status: 'valid',
      scheme: 'standard-webhooks',
    });
    expect(verifyRequest(req, 'svix' as never, [SECRET], OPTIONS, NOW).status).toBe('valid');
    const resigned = { ...req, headers: signRequest(req, 'standard-webhooks', OTHER, OPTIONS, NOW) };
    expect(resigned.headers.map(([n]) => n)).toEqual(['svix-id', 'svix-timestamp', 'svix-signature']);
    expect(() => new SvixWebhook(OTHER).verify(BODY, asRecord(resigned.headers))).not.toThrow();
  });

  it('accepts a secret without the whsec_ prefix as base64', () => {
    const req = signed(BODY, SECRET, NOW);
    expect(
      verifyRequest(req, 'standard-webhooks', [SECRET.slice('whsec_'.length)], OPTIONS, NOW).status,
    ).toBe('valid');
  });

  it("explains a sender that used the whole whsec_ string as the key (Stripe's convention)", () => {
    const t = String(Math.floor(NOW / 1000));
    const sig = createHmac('sha256', SECRET).update(`${ID}.${t}.${BODY}`).digest('base64');
    const req = request(BODY, [
      ['webhook-id', ID],
      ['webhook-timestamp', t],
      ['webhook-signature', `v1,${sig}`],
    ]);
    const result = verifyRequest(req, 'standard-webhooks', [SECRET], OPTIONS, NOW);
    expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
    expect(result.reason).toMatch(/whole whsec_… string as the HMAC key \(Stripe's convention\)/);
    expect(result.reason).toMatch(/base64-decodes what follows whsec_/);
  });

  it('reports a whsec_ secret that is not base64 as an error, and missing headers as invalid', () => {
    const req = signed(BODY, SECRET, NOW);
    const bad = verifyRequest(req, 'standard-webhooks', ['whsec_***'], OPTIONS, NOW);
    expect(bad).toMatchObject({ status: 'error', scheme: 'standard-webhooks' });
    expect(bad.reason).toMatch(/not base64/);
    const noId = { ...req, headers: req.headers.filter(([n]) => n !== 'webhook-id') };
    expect(verifyRequest(noId, 'standard-webhooks', [SECRET], OPTIONS, NOW)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/webhook-id is missing/),
    });
  });

  it('skips non-v1 signatures (v1a) and keeps the message id when re-signing', () => {
    const req = signed(BODY, SECRET, NOW);
    const withV1a = {
      ...req,
      headers: req.headers.map(([n, v]): HeaderPair => [n, n === 'webhook-signature' ? `v1a,AAAA ${v}` : v]),
    };
    expect(verifyRequest(withV1a, 'standard-webhooks', [SECRET], OPTIONS, NOW).status).toBe('valid');
    const resigned = signRequest(req, 'standard-webhooks', OTHER, OPTIONS, NOW + 60_000);
    expect(header(resigned, 'webhook-id')).toBe(ID);
    expect(header(resigned, 'webhook-timestamp')).toBe(String(Math.floor((NOW + 60_000) / 1000)));
  });

  it('adds a deterministic message id when signing a request that has none', () => {
    const bare = request(BODY, [['Content-Type', 'application/json']]);
    const a = signRequest(bare, 'standard-webhooks', SECRET, OPTIONS, NOW);
    const b = signRequest(bare, 'standard-webhooks', SECRET, OPTIONS, NOW);
    expect(a).toEqual(b);
    expect(a.map(([n]) => n)).toEqual([
      'Content-Type',
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(header(a, 'webhook-id')).toMatch(/^msg_[0-9a-f]{27}$/);
    expect(() => new Webhook(SECRET).verify(BODY, asRecord(a))).not.toThrow();
  });
});
