/**
 * `hookline trigger` end to end: through a running `hookline serve` into the inbox (valid with
 * the endpoint's secret, invalid with the usual diagnostics with a wrong one), straight to an
 * app's URL, and `--list`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runCliAsync, runCliJson, startLocalServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

interface Result {
  provider: string;
  type: string;
  deliveryId: string | null;
  status: number | null;
  stored: { eventId: string; verification: string; reason: string } | null;
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('hookline trigger', () => {
  it('sends signed events through the receiver: valid with the secret, invalid with a wrong one', async () => {
    const home = tempHome();
    await startLocalServe(home);
    runCliJson(home, ['endpoints', 'create', 'shop', '--provider', 'stripe', '--secret', 'whsec_right']);
    const sent = await runCliAsync(home, [
      'trigger',
      'stripe',
      'payment_intent.succeeded',
      '--endpoint',
      'shop',
      '--set',
      'data.object.amount=500',
      '--count',
      '2',
      '--json',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const results = JSON.parse(sent.stdout) as Result[];
    expect(results).toHaveLength(2);
    expect(results.map((r) => r.stored?.verification)).toEqual(['valid', 'valid']);
    expect(results[0]?.deliveryId).not.toBe(results[1]?.deliveryId);
    const event = runCliJson<{ providerEventType: string; bodyText: string; headers: [string, string][] }>(
      home,
      ['events', 'show', results[0]?.stored?.eventId ?? ''],
    );
    expect(event.providerEventType).toBe('payment_intent.succeeded');
    expect(JSON.parse(event.bodyText).data.object.amount).toBe(500);
    expect(event.headers.map(([name]) => name.toLowerCase())).toContain('stripe-signature');

    const forged = await runCliAsync(home, [
      'trigger',
      'stripe',
      'invoice.paid',
      '--endpoint',
      'shop',
      '--secret',
      'whsec_wrong',
      '--json',
    ]);
    const [bad] = JSON.parse(forged.stdout) as Result[];
    expect(bad?.stored?.verification).toBe('invalid');
    const verify = runCli(home, ['verify', bad?.stored?.eventId ?? '']);
    expect(verify.stdout).toContain('Verdict:   invalid (stripe)');
    expect(verify.stdout).toMatch(/Check the secret/);
  });

  it("sends straight to an app URL, signed with --secret, and the app can verify it with Stripe's library", async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    const home = tempHome();
    const run = await runCliAsync(home, [
      'trigger',
      'stripe',
      'checkout.session.completed',
      '--to',
      url,
      '--secret',
      'whsec_app',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/stripe checkout\.session\.completed evt_\w+ → .*: 204 No Content/);
    const [request] = received;
    const event = Stripe.webhooks.constructEvent(
      request?.body ?? '',
      String(request?.headers['stripe-signature']),
      'whsec_app',
    );
    expect(event.type).toBe('checkout.session.completed');
    expect(request?.headers['user-agent']).toContain('Stripe/1.0');
  });

  it('says what is missing: no receiver running, no secret for --to, and lists the catalogue', () => {
    const home = tempHome();
    runCliJson(home, ['endpoints', 'create', 'gh', '--provider', 'github', '--secret', 's']);
    const offline = runCli(home, ['trigger', 'github', 'push', '--endpoint', 'gh']);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('No Hookline receiver is running');
    const noSecret = runCli(home, ['trigger', 'github', 'push', '--to', 'http://127.0.0.1:9/']);
    expect(noSecret.stderr).toContain('pass --secret');
    const list = runCliJson<{ provider: string; type: string }[]>(home, ['trigger', '--list', 'clerk']);
    expect(list.map((t) => t.type)).toContain('user.created');
    expect(runCli(home, ['trigger', '--list']).stdout).toMatch(/github\s+pull_request\.opened/);
  });
});
