/** `hookline diff` on events captured by a real receiver: JSON paths, headers, bytes, limits. */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { compareBodies, formatPath } from '../../electron/diff/body-diff';
import type { EventDiff } from '../../shared/event-diff';
import { runCli, runCliJson } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';

async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return res.headers.get('x-hookline-event-id') ?? '';
}

const stripeHeaders = (body: string) => ({
  'content-type': 'application/json',
  'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_x' }),
});

describe('hookline diff', () => {
  it('shows changed, added and removed JSON paths and headers, with per-delivery headers apart', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'pay', provider: 'stripe', secrets: ['whsec_x'] }, 'cli');
    const a = JSON.stringify({
      id: 'evt_1',
      type: 'invoice.paid',
      data: { object: { amount: 2000, livemode: false, lines: [1, 2] } },
    });
    const b = JSON.stringify({
      id: 'evt_2',
      type: 'invoice.paid',
      data: { object: { amount: 500, lines: [1, 3], coupon: 'SAVE' } },
    });
    const idA = await post(url(endpoint.id), a, stripeHeaders(a));
    const idB = await post(url(endpoint.id), b, { ...stripeHeaders(b), 'x-tenant': 'acme' });

    const out = runCli(home, ['diff', idA, idB]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('~ event id: evt_1 → evt_2');
    expect(out.stdout).toContain('  ~ data.object.amount: 2000 → 500');
    expect(out.stdout).toContain('  - data.object.livemode: false');
    expect(out.stdout).toContain('  + data.object.coupon: "SAVE"');
    expect(out.stdout).toContain('  ~ data.object.lines[1]: 2 → 3');
    expect(out.stdout).toContain('  + x-tenant: acme');
    expect(out.stdout).toMatch(/also differ, as on every delivery: .*stripe-signature/i);

    const json = runCliJson<EventDiff>(home, ['diff', idA, idB]);
    expect(json.identical).toBe(false);
    expect(json.body.mode).toBe('json');
    const amount =
      json.body.mode === 'json' ? json.body.changes.find((c) => c.path === 'data.object.amount') : null;
    expect(amount).toEqual({
      kind: 'changed',
      segments: ['data', 'object', 'amount'],
      path: 'data.object.amount',
      before: 2000,
      after: 500,
    });

    const same = runCliJson<EventDiff>(home, ['diff', idA, idA]);
    expect(same.identical).toBe(true);
  });

  it('compares non-JSON bodies by bytes and says where they first differ; unknown ids are errors', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'bin' }, 'cli');
    const idA = await post(url(endpoint.id), Buffer.from([0, 1, 2, 3]), {
      'content-type': 'application/octet-stream',
    });
    const idB = await post(url(endpoint.id), Buffer.from([0, 1, 9]), {
      'content-type': 'application/octet-stream',
    });
    expect(runCli(home, ['diff', idA, idB]).stdout).toContain(
      'Body (not JSON or form): differs from byte 2 (4 vs 3 bytes)',
    );
    const missing = runCli(home, ['diff', idA, 'evt_nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/evt_nope/);
  });

  it('compares form bodies by field and bounds long change lists, counting the rest', () => {
    const form = compareBodies(
      Buffer.from('To=%2B1555&Body=hi'),
      Buffer.from('To=%2B1555&Body=bye&NumMedia=0'),
      ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    );
    expect(form).toMatchObject({
      mode: 'form',
      changes: [
        { path: 'Body', before: 'hi', after: 'bye' },
        { kind: 'added', path: 'NumMedia' },
      ],
    });
    const many = (n: number) =>
      Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`k${i}`, n]))));
    const big = compareBodies(many(1), many(2), [null, null]);
    expect(big.mode === 'json' && [big.changes.length, big.truncated]).toEqual([500, 200]);
    expect(formatPath(['data', 0, 'odd key', 'x'])).toBe('data[0]["odd key"].x');
  });
});
