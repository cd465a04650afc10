/**
 * Slack: no verifying SDK is installed, so the oracle implements Slack's documented algorithm
 * (v0=hex(HMAC-SHA256(signing secret, "v0:<ts>:<body>"))) with node:crypto; plus Slack's docs example.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignableRequest, handshakeResponse, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

function slackSignature(secret: string, ts: string, body: string | Uint8Array): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;
}

function slackSigned(body: string, secret: string, at: number): SignableRequest {
  const ts = String(Math.floor(at / 1000));
  return request(body, [
    ['Content-Type', 'application/json'],
    ['X-Slack-Request-Timestamp', ts],
    ['X-Slack-Signature', slackSignature(secret, ts, body)],
  ]);
}

schemeSuite({
  provider: 'slack',
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  otherSecret: 'a-different-slack-signing-secret',
  thirdSecret: 'third-slack-secret',
  body: JSON.stringify({
    type: 'event_callback',
    event_id: 'Ev1',
    event: { type: 'app_mention', text: 'hi' },
  }),
  timestamped: true,
  signatureHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
  oracleSign: slackSigned,
  oracleVerify: (req, secret) => {
    const ts = header(req.headers, 'x-slack-request-timestamp') ?? '';
    if (Math.abs(NOW / 1000 - Number(ts)) > 300) return false;
    const expected = Buffer.from(slackSignature(secret, ts, req.body));
    const got = Buffer.from(header(req.headers, 'x-slack-signature') ?? '');
    return expected.length === got.length && timingSafeEqual(expected, got);
  },
});

describe('slack: docs example and url_verification', () => {
  it("verifies Slack's documented example request", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const req = request(body, [
      ['X-Slack-Request-Timestamp', '1531420618'],
      ['X-Slack-Signature', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
    ]);
    const result = verifyRequest(
      req,
      'auto',
      ['8f742231b10e8888abcd99yyyzzz85a5'],
      OPTIONS,
      1531420618_000 + 30_000,
    );
    expect(result).toMatchObject({ status: 'valid', scheme: 'slack', fresh: true });
    expect(
      result.diagnostics?.signedContent?.startsWith('v0:1531420618:token=xyzz0WbapA4vBCDEFasx0q6G&'),
    ).toBe(true);
  });

  it('reports a missing or absurd timestamp header as invalid', () => {
    const req = slackSigned('{}', 's', NOW);
    const noTs = { ...req, headers: req.headers.filter(([n]) => n !== 'X-Slack-Request-Timestamp') };
    expect(verifyRequest(noTs, 'slack', ['s'], OPTIONS, NOW).reason).toMatch(
      /X-Slack-Request-Timestamp is missing/,
    );
    const absurd = {
      ...req,
      headers: req.headers.map(([n, v]): [string, string] => [
        n,
        n === 'X-Slack-Request-Timestamp' ? '1e99' : v,
      ]),
    };
    expect(verifyRequest(absurd, 'slack', ['s'], OPTIONS, NOW)).toMatchObject({
      status: 'invalid',
      signatureMatched: null,
    });
  });

  it('answers url_verification with the challenge, only when signed with a configured secret', () => {
    const body = JSON.stringify({
      token: 't',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const req = slackSigned(body, 'secret', NOW);
    expect(handshakeResponse(req, 'slack', ['secret'])).toEqual({
      kind: 'slack.url_verification',
      status: 200,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
    expect(handshakeResponse(req, 'auto', ['secret'])?.body).toBe(
      '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    );
    expect(handshakeResponse(req, 'slack', [])?.status).toBe(200);
    expect(handshakeResponse(req, 'slack', ['other'])).toBeNull();
    expect(
      handshakeResponse(slackSigned('{"type":"event_callback"}', 'secret', NOW), 'slack', ['secret']),
    ).toBeNull();
  });
});
