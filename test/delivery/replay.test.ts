import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { replayEvent } from '../../electron/delivery';
import type { HeaderPair } from '../../shared/types';
import { createEndpoint, eventIdOf, rawRequest, runCliAsync, served } from './fixtures';
import { header, startTarget } from './target';

const stripe = new Stripe('sk_test_hookline');
const STRIPE_SECRET = 'whsec_hookline_test_secret';

describe('replay', () => {
  it('sends the original method, headers (order, casing, repeats) and exact body bytes', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'raw');
    const body = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x0d, 0x0a, 0xe9, 0x80]);
    const headers: HeaderPair[] = [
      ['Host', 'hooks.example.test'],
      ['X-Trace', 'one'],
      ['content-type', 'application/octet-stream'],
      ['X-Trace', 'two'],
      ['Content-Length', String(body.length)],
      ['x-latin', 'caf\xe9'],
    ];
    const original = eventIdOf(await rawRequest(s.base, 'PUT', `/h/${id}/sub/path?a=1&b=%20`, headers, body));
    const target = await startTarget();
    const delivery = await replayEvent(s.inbox, original, { targetUrl: `${target.url}/hooks` });
    const [got] = await target.waitFor(1);
    expect(got?.method).toBe('PUT');
    expect(got?.url).toBe('/hooks/sub/path?a=1&b=%20');
    expect(got?.body.equals(body)).toBe(true);
    // Host is the target's; everything else as received, in order (Connection is Node's own hop-by-hop header).
    expect(got?.headers.filter(([k]) => k.toLowerCase() !== 'connection')).toEqual([
      ['Host', new URL(target.url).host],
      ['X-Trace', 'one'],
      ['content-type', 'application/octet-stream'],
      ['X-Trace', 'two'],
      ['Content-Length', String(body.length)],
      ['x-latin', 'caf\xe9'],
    ]);
    expect(delivery).toMatchObject({ kind: 'replay', eventId: original, attempt: 1, error: null });
    expect(delivery.response?.status).toBe(200);
    expect(Buffer.from(delivery.response?.body ?? []).toString()).toBe('ok');
    expect(s.inbox.deliveries.forEvent(original)).toHaveLength(1);
  });

  it('carries edits, and a re-signed edited replay verifies with the stripe library while an unsigned one does not', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'stripe', ['--provider', 'stripe', '--secret', STRIPE_SECRET]);
    const payload = '{"id":"evt_1","type":"invoice.paid"}';
    const sig = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
    const original = eventIdOf(
      await rawRequest(
        s.base,
        'POST',
        `/h/${id}`,
        [
          ['Content-Type', 'application/json'],
          ['Stripe-Signature', sig],
          ['Content-Length', String(payload.length)],
        ],
        Buffer.from(payload),
      ),
    );
    const target = await startTarget();
    const edited = '{"id":"evt_1","type":"invoice.payment_failed","x":"ü"}';
    const edits = {
      method: 'PATCH',
      path: '/stripe?edited=1',
      setHeaders: [['X-Debug', 'yes']] as HeaderPair[],
      body: Buffer.from(edited),
    };
    await replayEvent(s.inbox, original, { targetUrl: target.url, edits, resign: true });
    await replayEvent(s.inbox, original, { targetUrl: target.url, edits });
    await replayEvent(s.inbox, original, { targetUrl: target.url });
    const [resigned, unsigned, plain] = await target.waitFor(3);
    expect(resigned?.method).toBe('PATCH');
    expect(resigned?.url).toBe('/stripe?edited=1');
    expect(header(resigned?.headers ?? [], 'x-debug')).toBe('yes');
    expect(header(resigned?.headers ?? [], 'content-length')).toBe(String(Buffer.byteLength(edited)));
    expect(resigned?.body.toString()).toBe(edited);
    const verify = (r: typeof resigned) =>
      stripe.webhooks.constructEvent(
        r?.body ?? Buffer.alloc(0),
        header(r?.headers ?? [], 'stripe-signature') ?? '',
        STRIPE_SECRET,
      );
    expect(verify(resigned).type).toBe('invoice.payment_failed');
    expect(() => verify(unsigned)).toThrow(/signature/i);
    // Not edited, not re-signed: the original signature still holds.
    expect(header(plain?.headers ?? [], 'stripe-signature')).toBe(sig);
    expect(verify(plain).type).toBe('invoice.paid');
  });

  it('re-signs Standard Webhooks keeping the message id, verified by the standardwebhooks library', async () => {
    const s = await served();
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const id = createEndpoint(s.home, 'sw', ['--provider', 'standard-webhooks', '--secret', secret]);
    const wh = new Webhook(secret);
    const payload = '{"type":"user.created"}';
    const when = new Date();
    const signature = wh.sign('msg_abc', when, payload);
    const original = eventIdOf(
      await rawRequest(
        s.base,
        'POST',
        `/h/${id}`,
        [
          ['webhook-id', 'msg_abc'],
          ['webhook-timestamp', String(Math.floor(when.getTime() / 1000))],
          ['webhook-signature', signature],
          ['Content-Length', String(payload.length)],
        ],
        Buffer.from(payload),
      ),
    );
    const target = await startTarget();
    const body = Buffer.from('{"type":"user.deleted"}');
    await replayEvent(s.inbox, original, { targetUrl: target.url, resign: true, edits: { body } });
    await replayEvent(s.inbox, original, { targetUrl: target.url, edits: { body } });
    const [resigned, unsigned] = await target.waitFor(2);
    const asRecord = (h: HeaderPair[]) => Object.fromEntries(h.map(([k, v]) => [k.toLowerCase(), v]));
    expect(wh.verify(resigned?.body.toString() ?? '', asRecord(resigned?.headers ?? []))).toEqual({
      type: 'user.deleted',
    });
    expect(header(resigned?.headers ?? [], 'webhook-id')).toBe('msg_abc');
    expect(() => wh.verify(unsigned?.body.toString() ?? '', asRecord(unsigned?.headers ?? []))).toThrow();
  });

  it('explains why it cannot re-sign or has no target, and records refused connections, 3xx and timeouts', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'plain');
    const original = eventIdOf(
      await rawRequest(s.base, 'POST', `/h/${id}`, [['Content-Length', '2']], Buffer.from('{}')),
    );
    await expect(replayEvent(s.inbox, original)).rejects.toThrow(/No target to replay.*--to/);
    const target = await startTarget((n) => (n === 0 ? { status: 302, body: 'moved' } : 'hang'));
    await expect(replayEvent(s.inbox, original, { targetUrl: target.url, resign: true })).rejects.toThrow(
      /Cannot re-sign.*no signature scheme/,
    );
    const redirected = await replayEvent(s.inbox, original, { targetUrl: target.url });
    expect(redirected.response?.status).toBe(302);
    const hung = await replayEvent(s.inbox, original, { targetUrl: target.url, timeoutMs: 300 });
    expect(hung.response).toBeNull();
    expect(hung.error).toMatch(/Timed out after 300 ms/);
    await target.close();
    const refused = await replayEvent(s.inbox, original, { targetUrl: target.url });
    expect(refused.error).toMatch(/Connection refused/);
    expect(target.received).toHaveLength(2);
  });

  it('hookline replay prints the result, and --json the delivery with base64 bodies', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'cli');
    const original = eventIdOf(
      await rawRequest(s.base, 'POST', `/h/${id}/x`, [['Content-Length', '5']], Buffer.from('hello')),
    );
    const target = await startTarget(() => ({ status: 201, body: 'created it' }));
    const text = await runCliAsync(s.home, [
      'replay',
      original,
      '--to',
      target.url,
      '--set-header',
      'X-One: 1',
      '--set-header',
      'x-two:2',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/201/);
    expect(text.stdout).toMatch(/created it/);
    const json = await runCliAsync(s.home, ['replay', original, '--to', target.url, '--json']);
    expect(json.code).toBe(0);
    const delivery = JSON.parse(json.stdout) as {
      response: { status: number; bodyBase64: string };
      request: { bodyBase64: string };
    };
    expect(delivery.response.status).toBe(201);
    expect(Buffer.from(delivery.response.bodyBase64, 'base64').toString()).toBe('created it');
    expect(Buffer.from(delivery.request.bodyBase64, 'base64').toString()).toBe('hello');
    const [first] = await target.waitFor(2);
    expect(header(first?.headers ?? [], 'x-one')).toBe('1');
    expect(header(first?.headers ?? [], 'x-two')).toBe('2');
    const failed = await runCliAsync(s.home, ['replay', 'evt_nope', '--to', target.url]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Event "evt_nope" not found/);
  });
});
