/**
 * Paddle Billing: no verifying SDK installed; the oracle implements Paddle's documented algorithm
 * (Paddle-Signature ts=…;h1=hex(HMAC-SHA256(secret, "<ts>:<body>")), any h1 may match).
 */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const h1 = (secret: string, ts: string, body: string | Uint8Array) =>
  createHmac('sha256', secret).update(`${ts}:`).update(body).digest('hex');

schemeSuite({
  provider: 'paddle',
  secret: 'pdl_ntfset_01_secret_a',
  otherSecret: 'pdl_ntfset_01_secret_b',
  thirdSecret: 'pdl_ntfset_01_secret_c',
  body: JSON.stringify({ event_id: 'evt_01h', event_type: 'transaction.completed', data: { id: 'txn_1' } }),
  timestamped: true,
  signatureHeaders: ['Paddle-Signature'],
  oracleSign: (body, secret, at) => {
    const ts = String(Math.floor(at / 1000));
    return request(body, [['Paddle-Signature', `ts=${ts};h1=${h1(secret, ts, body)}`]]);
  },
  oracleSignTwice: (body, [a, b], at) => {
    const ts = String(Math.floor(at / 1000));
    return request(body, [['Paddle-Signature', `ts=${ts};h1=${h1(a, ts, body)};h1=${h1(b, ts, body)}`]]);
  },
  oracleVerify: (req, secret) => {
    const parts = (header(req.headers, 'paddle-signature') ?? '').split(';').map((p) => p.split('='));
    const ts = parts.find(([k]) => k === 'ts')?.[1] ?? '';
    const sigs = parts.filter(([k]) => k === 'h1').map(([, v]) => v);
    return Math.abs(NOW / 1000 - Number(ts)) <= 300 && sigs.includes(h1(secret, ts, req.body));
  },
});

it('paddle: reports a header without ts= as invalid', () => {
  const result = verifyRequest(
    request('{}', [['Paddle-Signature', 'h1=abc']]),
    'paddle',
    ['s'],
    OPTIONS,
    NOW,
  );
  expect(result).toMatchObject({ status: 'invalid', scheme: 'paddle' });
  expect(result.reason).toMatch(/no ts= timestamp/);
});
