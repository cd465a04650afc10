/** The UI API methods a GUI needs for trigger, diff and chaos runs, over real HTTP. */
import { describe, expect, it } from 'vitest';
import type { ApiResults } from '../../shared/api';
import { runCliJson, startLocalServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

describe('UI API: trigger, diff, chaos runs', () => {
  it('lists and sends synthetic events, diffs two of them, and reports chaos runs', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home);
    const ui = new URL(serve.facts.uiUrl ?? '');
    const call = async <M extends keyof ApiResults>(
      method: M,
      params: unknown,
    ): Promise<{ status: number; body: ApiResults[M] & { error?: { message: string } } }> => {
      const res = await fetch(`${ui.origin}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ui.searchParams.get('token')}`,
        },
        body: JSON.stringify(params),
      });
      return {
        status: res.status,
        body: (await res.json()) as ApiResults[M] & { error?: { message: string } },
      };
    };
    const endpoint = runCliJson<{ id: string }>(home, [
      'endpoints',
      'create',
      'shop',
      '--provider',
      'shopify',
      '--secret',
      'shpss',
    ]);

    const types = await call('trigger.types', { provider: 'shopify' });
    expect(types.body.types.map((t) => t.type)).toContain('orders/create');

    // The example the GUI's editor starts from: pretty JSON, fresh ids on every call.
    const example = await call('trigger.example', { provider: 'stripe', type: 'invoice.paid' });
    expect(example.body.contentType).toBe('application/json');
    expect(example.body.bodyText).toContain('\n  "type": "invoice.paid"');
    const again = await call('trigger.example', { provider: 'stripe', type: 'invoice.paid' });
    expect(again.body.bodyText).not.toBe(example.body.bodyText);
    const twilio = await call('trigger.example', {
      provider: 'twilio',
      type: (await call('trigger.types', { provider: 'twilio' })).body.types[0]?.type ?? '',
    });
    expect(twilio.body.contentType).toBe('application/x-www-form-urlencoded');
    const unknown = await call('trigger.example', { provider: 'stripe', type: 'no.such.type' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.message).toContain('No "no.such.type" event');

    const sent = await call('trigger.send', {
      provider: 'shopify',
      type: 'orders/create',
      endpointId: endpoint.id,
      sets: ['total_price="10.00"'],
      count: 2,
    });
    expect(sent.status).toBe(200);
    const [a, b] = sent.body.results.map((r) => r.stored?.eventId ?? '');
    expect(sent.body.results.map((r) => r.stored?.verification)).toEqual(['valid', 'valid']);

    const diff = await call('events.diff', { a, b });
    expect(diff.body.diff.body.mode).toBe('json');
    expect(diff.body.diff.headers.find((h) => h.name === 'X-Shopify-Hmac-Sha256')?.perDelivery).toBe(true);

    expect((await call('chaos.runs', {})).body.runs).toEqual([]);
    const missing = await call('chaos.get', { id: 'chaos_nope' });
    expect(missing.status).toBe(404);
    const bad = await call('trigger.send', { provider: 'shopify', type: 'orders/create' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('--endpoint');
    await serve.stop();
  });
});
