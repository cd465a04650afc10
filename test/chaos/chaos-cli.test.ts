/**
 * `hookline chaos` against real local handlers: a non-idempotent one shows the double processing,
 * an idempotent one none, a crashing one its 5xx on duplicates; the same seed gives the same run;
 * runs are saved and can be opened again.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { planRun } from '../../electron/chaos/plan';
import type { ChaosRun } from '../../shared/chaos';
import { runCliAsync, runCliJson, startLocalServe } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';
import { tempHome } from '../helpers/temp-home';

const SECRET = 'whsec_chaos';
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A Stripe handler that verifies signatures; `handle` decides the answer for a verified event id. */
async function handler(handle: (eventId: string) => [number, unknown]): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = Stripe.webhooks.constructEvent(
          Buffer.concat(chunks),
          String(req.headers['stripe-signature']),
          SECRET,
        );
        const [status, body] = handle(event.id);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      } catch {
        res.writeHead(400).end('bad signature');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
}

async function inboxWithEvents(count: number) {
  const server = await startInboxServer();
  const endpoint = server.inbox.createEndpoint(
    { label: 'pay', provider: 'stripe', secrets: [SECRET] },
    'cli',
  );
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({
      id: `evt_${i}`,
      object: 'event',
      type: 'invoice.paid',
      data: { object: { amount: 100 * i } },
    });
    await fetch(server.url(endpoint.id), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }),
      },
      body,
    });
  }
  return server;
}

async function chaos(home: string, args: string[]): Promise<ChaosRun> {
  const r = await runCliAsync(home, ['chaos', ...args, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ChaosRun;
}

describe('hookline chaos', () => {
  it('shows double processing by a non-idempotent handler and none by an idempotent one', async () => {
    const { home } = await inboxWithEvents(4);
    const credited = new Map<string, number>();
    const naive = await handler((id) => {
      credited.set(id, (credited.get(id) ?? 0) + 1);
      return [200, { credited: credited.get(id) }];
    });
    const seen = new Set<string>();
    const careful = await handler((id) => {
      seen.add(id);
      return [200, { credited: 1 }];
    });

    const bad = await chaos(home, ['--to', naive, '--duplicates', '1', '--seed', 'a']);
    const duplicates = bad.steps.filter((s) => s.kind === 'duplicate');
    expect(duplicates).toHaveLength(4);
    for (const dup of duplicates) {
      expect(dup.flags).toEqual(['duplicate_answered_differently']);
      const first = bad.steps[dup.copyOf ?? -1];
      expect(first?.deliveryId).toBe(dup.deliveryId);
      expect([first?.answer, dup.answer]).toEqual(['{"credited":1}', '{"credited":2}']);
    }
    expect([...credited.values()]).toEqual([2, 2, 2, 2]);

    const good = await chaos(home, [
      '--to',
      careful,
      '--duplicates',
      '1',
      '--reorder',
      '--burst',
      '3',
      '--seed',
      'a',
    ]);
    expect(good.steps).toHaveLength(8);
    expect(good.flagCounts).toEqual({});
    expect(good.steps.every((s) => s.status === 200)).toBe(true);

    const text = await runCliAsync(home, ['chaos', '--to', naive, '--duplicates', '1', '--seed', 'a']);
    expect(text.stdout).toContain('Duplicates side by side (same delivery id and signature):');
    expect(text.stdout).toMatch(
      /200 \{"credited":3\}\s+\|\s+#\d+ 200 \{"credited":4\}\s+← answered differently/,
    );
  });

  it('flags 5xx on a duplicate and a non-2xx answer to a valid event', async () => {
    const { home } = await inboxWithEvents(2);
    const done = new Set<string>();
    const crashy = await handler((id) => {
      if (done.has(id)) return [500, { error: 'duplicate key value violates unique constraint' }];
      done.add(id);
      return id === 'evt_1' ? [422, { error: 'unsupported' }] : [200, { ok: true }];
    });
    const run = await chaos(home, ['--to', crashy, '--duplicates', '1', '--seed', 'b']);
    expect(run.flagCounts).toMatchObject({ duplicate_5xx: 2, non_2xx_to_valid: 3 });
  });

  it('cuts a slow answer at the timeout and retries it once, as the sender would', async () => {
    const { home } = await inboxWithEvents(1);
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      // The first delivery hangs past the timeout; the retry is answered at once.
      const wait = calls === 1 ? 1500 : 0;
      setTimeout(() => res.writeHead(200).end('ok'), wait);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const run = await chaos(home, ['--to', url, '--duplicates', '0', '--timeout-ms', '300', '--seed', 'c']);
    expect(run.steps.map((s) => [s.kind, s.copyOf, s.status, s.flags])).toEqual([
      ['original', null, null, ['timeout']],
      ['retry', 0, 200, []],
    ]);
  });

  it('gives the same run for the same seed, saves it, and opens it again', async () => {
    const { home } = await inboxWithEvents(6);
    const target = await handler(() => [204, null]);
    const args = ['--to', target, '--duplicates', '0.5', '--reorder', '--burst', '2', '--delay-ms', '0-5'];
    const shape = (r: ChaosRun) => r.steps.map((s) => [s.eventId, s.kind, s.copyOf, s.batch, s.delayMs]);
    const one = await chaos(home, [...args, '--seed', 'same']);
    const two = await chaos(home, [...args, '--seed', 'same']);
    const other = await chaos(home, [...args, '--seed', 'other']);
    expect(shape(two)).toEqual(shape(one));
    expect(shape(other)).not.toEqual(shape(one));
    const runs = runCliJson<{ id: string; stepCount: number }[]>(home, ['chaos', 'runs']);
    expect(runs.map((r) => r.id)).toEqual([other.id, two.id, one.id]);
    expect(runCliJson<ChaosRun>(home, ['chaos', 'show', one.id]).steps).toEqual(one.steps);
  });

  it('runs on freshly triggered events (--trigger), re-signed so a verifying handler accepts every copy', async () => {
    const home = tempHome();
    await startLocalServe(home);
    runCliJson(home, ['endpoints', 'create', 'pay', '--provider', 'stripe', '--secret', SECRET]);
    const target = await handler(() => [200, { ok: true }]);
    const run = await chaos(home, [
      '--to',
      target,
      '--trigger',
      'stripe:invoice.paid:2',
      '--trigger',
      'stripe:charge.refunded:1',
      '--endpoint',
      'pay',
      '--duplicates',
      '1',
      '--seed',
      'd',
    ]);
    expect(run.options.eventIds).toHaveLength(3);
    expect(run.steps).toHaveLength(6);
    expect(run.steps.every((s) => s.status === 200)).toBe(true);
    expect(run.flagCounts).toEqual({});
  });

  it('refuses a target nothing listens on, before sending anything', async () => {
    const { home } = await inboxWithEvents(1);
    const down = createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/webhooks`;
    await new Promise<void>((r) => down.close(() => r()));
    const r = await runCliAsync(home, ['chaos', '--to', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): start your handler there/);
    expect((await runCliAsync(home, ['chaos', 'runs', '--json'])).stdout.trim()).toBe('[]');
  });

  it('plans duplicates after their first copy, whatever the seed', () => {
    for (const seed of ['1', '2', '3', '4', '5']) {
      const plan = planRun({
        targetUrl: 'http://x/',
        eventIds: ['a', 'b', 'c', 'd'],
        duplicates: 0.7,
        reorder: true,
        burst: 1,
        delayMs: [0, 0],
        seed,
        timeoutMs: null,
      });
      for (const step of plan.filter((s) => s.kind === 'duplicate')) {
        const first = plan[step.copyOf ?? -1];
        expect(first?.kind).toBe('original');
        expect(first?.eventId).toBe(step.eventId);
        expect(first?.index ?? 99).toBeLessThan(step.index);
      }
      expect(
        plan
          .filter((s) => s.kind === 'original')
          .map((s) => s.eventId)
          .sort(),
      ).toEqual(['a', 'b', 'c', 'd']);
    }
  });
});
