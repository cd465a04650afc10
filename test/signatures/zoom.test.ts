/**
 * Zoom: no SDK; the oracle implements Zoom's documented algorithm
 * (v0=hex(HMAC-SHA256(secret token, "v0:<ts>:<body>"))) with node:crypto.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignableRequest, handshakeResponse } from '../../electron/signatures';
import { NOW, header, request } from './helpers';
import { schemeSuite } from './suite';

function zoomSigned(body: string, secret: string, at: number): SignableRequest {
  const ts = String(Math.floor(at / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return request(body, [
    ['content-type', 'application/json; charset=utf-8'],
    ['x-zm-request-timestamp', ts],
    ['x-zm-signature', signature],
    ['x-zm-trackingid', 'v=2.0&s=1&rid=abc'],
  ]);
}

schemeSuite({
  provider: 'zoom',
  secret: 'zoom-secret-token-1',
  otherSecret: 'zoom-secret-token-2',
  thirdSecret: 'zoom-secret-token-3',
  body: JSON.stringify({ event: 'meeting.started', event_ts: 1700000000000, payload: { object: { id: 1 } } }),
  timestamped: true,
  signatureHeaders: ['x-zm-signature', 'x-zm-request-timestamp'],
  oracleSign: zoomSigned,
  oracleVerify: (req, secret) => {
    const ts = header(req.headers, 'x-zm-request-timestamp') ?? '';
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(req.body).digest('hex')}`;
    return Math.abs(NOW / 1000 - Number(ts)) <= 300 && expected === header(req.headers, 'x-zm-signature');
  },
});

describe('zoom: endpoint.url_validation', () => {
  const body = JSON.stringify({
    payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
    event_ts: 1654503849680,
    event: 'endpoint.url_validation',
  });

  it('answers with plainToken and its HMAC, using the secret that signed the request', () => {
    const response = handshakeResponse(zoomSigned(body, 'tok-b', NOW), 'zoom', ['tok-a', 'tok-b']);
    expect(response?.status).toBe(200);
    expect(response?.headers).toEqual([['Content-Type', 'application/json']]);
    expect(JSON.parse(response?.body ?? '{}')).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', 'tok-b').update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
    expect(handshakeResponse(zoomSigned(body, 'tok-b', NOW), 'auto', ['tok-b'])).not.toBeNull();
  });

  it('refuses unsigned or wrongly signed validations (it would be a signing oracle)', () => {
    expect(handshakeResponse(request(body, []), 'zoom', ['tok'])).toBeNull();
    expect(handshakeResponse(zoomSigned(body, 'attacker', NOW), 'zoom', ['tok'])).toBeNull();
    expect(handshakeResponse(zoomSigned(body, 'tok', NOW), 'zoom', [])).toBeNull();
  });

  it('returns null for ordinary events', () => {
    expect(
      handshakeResponse(zoomSigned('{"event":"meeting.started"}', 'tok', NOW), 'zoom', ['tok']),
    ).toBeNull();
  });
});
