/**
 * Square: the Square SDK is not installed; the oracle implements Square's documented algorithm
 * (base64(HMAC-SHA256(signature key, notificationUrl + body)), legacy SHA-1 header).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const URL = 'https://hooks.example.test/h/ep_sq';
const mac = (alg: string, key: string, url: string, body: string | Uint8Array) =>
  createHmac(alg, key).update(url).update(body).digest('base64');
const BODY = JSON.stringify({ merchant_id: 'M1', type: 'payment.updated', event_id: 'e1b2', data: {} });

schemeSuite({
  provider: 'square',
  secret: 'sq-signature-key-1',
  otherSecret: 'sq-signature-key-2',
  thirdSecret: 'sq-signature-key-3',
  body: BODY,
  timestamped: false,
  signatureHeaders: ['x-square-hmacsha256-signature'],
  oracleSign: (body, secret) =>
    request(body, [['x-square-hmacsha256-signature', mac('sha256', secret, URL, body)]], URL),
  oracleVerify: (req, secret) =>
    header(req.headers, 'x-square-hmacsha256-signature') === mac('sha256', secret, URL, req.body),
});

describe('square: URL and legacy header', () => {
  it('verifies the legacy SHA-1 x-square-signature and re-signs both headers', () => {
    const req = request(BODY, [['x-square-signature', mac('sha1', 'k', URL, BODY)]], URL);
    expect(verifyRequest(req, 'auto', ['k'], OPTIONS, NOW)).toMatchObject({
      status: 'valid',
      scheme: 'square',
    });
    const headers = signRequest(req, 'square', 'k2', OPTIONS, NOW);
    expect(header(headers, 'x-square-signature')).toBe(mac('sha1', 'k2', URL, BODY));
    expect(header(headers, 'x-square-hmacsha256-signature')).toBe(mac('sha256', 'k2', URL, BODY));
  });

  it('names the notification URL that was signed when it differs', () => {
    const req = request(BODY, [['x-square-hmacsha256-signature', mac('sha256', 'k', `${URL}/`, BODY)]], URL);
    const result = verifyRequest(req, 'square', ['k'], OPTIONS, NOW);
    expect(result.status).toBe('invalid');
    expect(result.reason).toContain(`matches the URL ${URL}/, not ${URL}`);
    expect(verifyRequest(req, 'square', ['k'], { ...OPTIONS, publicUrl: `${URL}/` }, NOW).status).toBe(
      'valid',
    );
  });
});
