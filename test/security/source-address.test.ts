/**
 * Issue 12.2: the stored source address is the connection's peer, never what X-Forwarded-For
 * claims (every tunnelled request arrives from loopback, so loopback proves nothing). The claims are
 * kept, visibly as claims, in the event JSON.
 */
import { describe, expect, it } from 'vitest';
import { runCliJson, startLocalServe } from '../helpers/cli-process';
import { buildRequest, rawRequest } from '../helpers/raw-http';
import { tempHome } from '../helpers/temp-home';

describe('source address', () => {
  it('stores the socket address and shows X-Forwarded-For only as a claim', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'spoof']);
    const forged = '3.18.12.63, <script>';
    const res = await rawRequest(
      serve.facts.receiverPort,
      buildRequest(
        'POST',
        `/h/${endpoint.id}`,
        [
          ['Host', 'x'],
          ['X-Forwarded-For', forged],
          ['Forwarded', 'for="[2001:db8::1]";proto=https'],
          ['Content-Length', '2'],
          ['Connection', 'close'],
        ],
        Buffer.from('{}'),
      ),
    );
    expect(res.status).toBe(200);
    const eventId = JSON.parse(res.body).event_id as string;
    const shown = runCliJson<{ remoteAddr: string; claimedForwardedFor: string[] }>(home, [
      'events',
      'show',
      eventId,
    ]);
    expect(shown.remoteAddr).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(shown.claimedForwardedFor).toEqual(['3.18.12.63', '<script>', '[2001:db8::1]']);
  });
});
