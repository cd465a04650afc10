/** Intercom: the oracle implements Intercom's documented X-Hub-Signature (sha1=hex HMAC-SHA1 of body). */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { detectScheme } from '../../electron/signatures';
import { header, request } from './helpers';
import { schemeSuite } from './suite';

const sig = (secret: string, body: string | Uint8Array) =>
  `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
const BODY = JSON.stringify({
  type: 'notification_event',
  app_id: 'abc123',
  id: 'notif_ccd8a4d2',
  topic: 'conversation.user.created',
  data: { item: {} },
});

schemeSuite({
  provider: 'intercom',
  secret: 'intercom-client-secret-1',
  otherSecret: 'intercom-client-secret-2',
  thirdSecret: 'intercom-client-secret-3',
  body: BODY,
  timestamped: false,
  signatureHeaders: ['X-Hub-Signature'],
  oracleSign: (body, secret) =>
    request(body, [
      ['Content-Type', 'application/json'],
      ['X-Hub-Signature', sig(secret, body)],
    ]),
  oracleVerify: (req, secret) => header(req.headers, 'x-hub-signature') === sig(secret, req.body),
});

it('intercom: a bare X-Hub-Signature is Intercom only with an Intercom body or User-Agent', () => {
  const h: [string, string][] = [['X-Hub-Signature', 'sha1=00']];
  expect(detectScheme(h)).toBe('github');
  expect(detectScheme(h, Buffer.from(BODY))).toBe('intercom');
  expect(detectScheme([...h, ['User-Agent', 'Intercom-Webhooks/1.0']])).toBe('intercom');
  expect(detectScheme([...h, ['X-GitHub-Event', 'ping']], Buffer.from(BODY))).toBe('github');
});
