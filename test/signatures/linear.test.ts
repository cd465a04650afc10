/**
 * Linear: the oracle implements Linear's documented algorithm (Linear-Signature =
 * hex(HMAC-SHA256(secret, body)); freshness from the body's webhookTimestamp in ms).
 */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const sig = (secret: string, body: string | Uint8Array) =>
  createHmac('sha256', secret).update(body).digest('hex');
const BASE = { action: 'create', type: 'Issue', data: { id: 'iss_1', title: 'Bug' }, webhookId: 'wh_1' };

schemeSuite({
  provider: 'linear',
  secret: 'lin_wh_secret_1',
  otherSecret: 'lin_wh_secret_2',
  thirdSecret: 'lin_wh_secret_3',
  body: JSON.stringify(BASE),
  timestamped: true,
  timestampInBody: true,
  signatureHeaders: ['Linear-Signature'],
  oracleSign: (body, secret, at) => {
    const withTs = JSON.stringify({ ...JSON.parse(body), webhookTimestamp: at });
    return request(withTs, [
      ['Linear-Delivery', '234d1a4e-b617-4388-90fe-adc3633d6b72'],
      ['Linear-Event', 'Issue'],
      ['Linear-Signature', sig(secret, withTs)],
    ]);
  },
  oracleVerify: (req, secret) => {
    if (header(req.headers, 'linear-signature') !== sig(secret, req.body)) return false;
    const ts = Number(JSON.parse(Buffer.from(req.body).toString()).webhookTimestamp);
    return Math.abs(NOW - ts) <= 300_000;
  },
});

it('linear: without webhookTimestamp, freshness is not applicable', () => {
  const body = JSON.stringify(BASE);
  const result = verifyRequest(
    request(body, [['Linear-Signature', sig('s', body)]]),
    'linear',
    ['s'],
    OPTIONS,
    NOW,
  );
  expect(result).toMatchObject({ status: 'valid', fresh: null, signedAt: null });
});
