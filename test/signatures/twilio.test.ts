/** Twilio: oracle is the official twilio SDK (getExpectedTwilioSignature, validateRequest…). */
import { createHash } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { SignableRequest } from '../../electron/signatures';
import { signRequest, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const URL = 'https://hooks.example.test/h/ep_123/sms?tenant=a%20b';
const PARAMS = {
  MessageSid: 'SM123',
  From: '+15551234567',
  Body: 'Hello & welcome = ok',
  To: '+15557654321',
};
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function formRequest(params: Record<string, string>, signature: string, url = URL): SignableRequest {
  return request(
    new URLSearchParams(params).toString(),
    [
      ['Content-Type', FORM['Content-Type']],
      ['X-Twilio-Signature', signature],
    ],
    url,
  );
}

function paramsOf(req: SignableRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(Buffer.from(req.body).toString()));
}

schemeSuite({
  provider: 'twilio',
  secret: 'auth-token-1',
  otherSecret: 'auth-token-2',
  thirdSecret: 'auth-token-3',
  body: new URLSearchParams(PARAMS).toString(),
  timestamped: false,
  signatureHeaders: ['X-Twilio-Signature'],
  oracleSign: (body, secret) => {
    const params = Object.fromEntries(new URLSearchParams(body));
    return formRequest(params, twilio.getExpectedTwilioSignature(secret, URL, params));
  },
  oracleVerify: (req, secret) =>
    twilio.validateRequest(secret, header(req.headers, 'x-twilio-signature') ?? '', req.url, paramsOf(req)),
});

describe('twilio: docs example, JSON bodies and URLs', () => {
  it("verifies Twilio's documented example", () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const req = formRequest(
      params,
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
      'https://mycompany.com/myapp.php?foo=1&bar=2',
    );
    expect(verifyRequest(req, 'twilio', ['12345'], OPTIONS, NOW).status).toBe('valid');
  });

  it('sorts repeated parameters like the SDK', () => {
    const body = 'b=2&a=z&a=y&a=z&c=';
    const signature = twilio.getExpectedTwilioSignature('tok', URL, { a: ['z', 'y', 'z'], b: '2', c: '' });
    const req = request(
      body,
      [
        ['Content-Type', FORM['Content-Type']],
        ['X-Twilio-Signature', signature],
      ],
      URL,
    );
    expect(verifyRequest(req, 'twilio', ['tok'], OPTIONS, NOW).status).toBe('valid');
  });

  it('verifies JSON bodies through bodySHA256 and rejects a changed body', () => {
    const body = JSON.stringify({ hello: 'world' });
    const url = `https://hooks.example.test/h/ep_123?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = twilio.getExpectedTwilioSignature('tok', url, {});
    const req = request(
      body,
      [
        ['Content-Type', 'application/json'],
        ['X-Twilio-Signature', signature],
      ],
      url,
    );
    expect(twilio.validateRequestWithBody('tok', signature, url, body)).toBe(true);
    expect(verifyRequest(req, 'twilio', ['tok'], OPTIONS, NOW).status).toBe('valid');
    const changed = { ...req, body: Buffer.from(body.replace('world', 'World')) };
    const result = verifyRequest(changed, 'twilio', ['tok'], OPTIONS, NOW);
    expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
    expect(result.reason).toMatch(/Body was changed: its SHA-256/);
    // And our signer produces what the SDK accepts.
    const resigned = signRequest(req, 'twilio', 'tok2', OPTIONS, NOW);
    expect(
      twilio.validateRequestWithBody('tok2', header(resigned, 'x-twilio-signature') ?? '', url, body),
    ).toBe(true);
  });

  it('names the URL the sender signed when it differs from the public URL', () => {
    const signedUrl = 'http://hooks.example.test/h/ep_123/sms?tenant=a%20b';
    const req = formRequest(PARAMS, twilio.getExpectedTwilioSignature('tok', signedUrl, PARAMS), URL);
    const result = verifyRequest(req, 'twilio', ['tok'], OPTIONS, NOW);
    expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
    expect(result.reason).toContain(`The signature matches the URL ${signedUrl}, not ${URL}`);

    const slashUrl = 'https://hooks.example.test/h/ep_123/sms/?tenant=a%20b';
    const slash = formRequest(PARAMS, twilio.getExpectedTwilioSignature('tok', slashUrl, PARAMS), URL);
    expect(verifyRequest(slash, 'twilio', ['tok'], OPTIONS, NOW).reason).toContain(slashUrl);
  });

  it('accepts the URL with an explicit default port, as the SDK does', () => {
    const withPort = 'https://hooks.example.test:443/h/ep_123/sms?tenant=a%20b';
    const req = formRequest(PARAMS, twilio.getExpectedTwilioSignature('tok', withPort, PARAMS), URL);
    expect(twilio.validateRequest('tok', header(req.headers, 'x-twilio-signature') ?? '', URL, PARAMS)).toBe(
      true,
    );
    expect(verifyRequest(req, 'twilio', ['tok'], OPTIONS, NOW)).toMatchObject({ status: 'valid' });
  });

  it('verifies against options.publicUrl (the URL configured at Twilio) and against the request URL', () => {
    const configured = 'https://public.example.test/twilio';
    const req = formRequest(
      PARAMS,
      twilio.getExpectedTwilioSignature('tok', configured, PARAMS),
      'http://127.0.0.1:4780/h/ep_123',
    );
    expect(verifyRequest(req, 'twilio', ['tok'], { ...OPTIONS, publicUrl: configured }, NOW).status).toBe(
      'valid',
    );
    const local = formRequest(PARAMS, twilio.getExpectedTwilioSignature('tok', req.url, PARAMS), req.url);
    expect(verifyRequest(local, 'twilio', ['tok'], { ...OPTIONS, publicUrl: configured }, NOW).status).toBe(
      'valid',
    );
  });

  it('re-signs for the URL the request will be sent to (a replay target), not the public URL', () => {
    const target = 'http://localhost:3000/twilio/sms';
    const req = formRequest(PARAMS, 'old=', target);
    const options = { ...OPTIONS, publicUrl: 'https://public.example.test/t' };
    const resigned = signRequest(req, 'twilio', 'tok2', options, NOW);
    expect(twilio.validateRequest('tok2', header(resigned, 'x-twilio-signature') ?? '', target, PARAMS)).toBe(
      true,
    );
    // Without an absolute request URL, the public URL is signed instead.
    const relative = signRequest(
      { ...req, url: '/relative' },
      'twilio',
      'tok2',
      { ...OPTIONS, publicUrl: target },
      NOW,
    );
    expect(header(relative, 'x-twilio-signature')).toBe(header(resigned, 'x-twilio-signature'));
  });

  it('reports an error, not a crash, when no absolute URL is known', () => {
    const req = formRequest(PARAMS, 'abc=', '/h/ep_123');
    const result = verifyRequest(req, 'twilio', ['tok'], OPTIONS, NOW);
    expect(result).toMatchObject({ status: 'error', scheme: 'twilio' });
    expect(result.reason).toMatch(/public URL/);
    expect(() => signRequest(req, 'twilio', 'tok', OPTIONS, NOW)).toThrow(
      /Cannot sign for Twilio: the request URL/,
    );
  });
});
