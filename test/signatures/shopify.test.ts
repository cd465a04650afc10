/** Shopify: no verifying SDK; the oracle is base64(HMAC-SHA256(client secret, body)) from Shopify's docs. */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const shopifyHmac = (secret: string, body: string | Uint8Array) =>
  createHmac('sha256', secret).update(body).digest('base64');

schemeSuite({
  provider: 'shopify',
  secret: 'shpss_1111',
  otherSecret: 'shpss_2222',
  thirdSecret: 'shpss_3333',
  // Raw text on purpose: Shopify ids exceed 2^53, so a JSON round trip would change the bytes.
  body: '{"id":820982911946154508,"email":"jon@example.com","note":"Café ☕"}',
  timestamped: false,
  signatureHeaders: ['X-Shopify-Hmac-Sha256'],
  oracleSign: (body, secret) =>
    request(body, [
      ['X-Shopify-Topic', 'orders/create'],
      ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
      ['X-Shopify-Hmac-Sha256', shopifyHmac(secret, body)],
    ]),
  oracleVerify: (req, secret) =>
    header(req.headers, 'x-shopify-hmac-sha256') === shopifyHmac(secret, req.body),
});

it('shopify: explains a hex signature where base64 was expected', () => {
  const hex = createHmac('sha256', 's').update('{}').digest('hex');
  const result = verifyRequest(
    request('{}', [['X-Shopify-Hmac-Sha256', hex]]),
    'shopify',
    ['s'],
    OPTIONS,
    NOW,
  );
  expect(result.status).toBe('invalid');
  expect(result.diagnostics?.hints?.join(' ')).toMatch(/48 bytes but HMAC-SHA256 gives 32/);
});
