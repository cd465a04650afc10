import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

const SECRET = 'whsec_retention_flood_test_secret';

/** Posts a body to the receiver over a kept-alive loopback connection; resolves with the status. */
function post(
  agent: Agent,
  port: number,
  endpointId: string,
  body: string,
  headers: Record<string, string> = {},
) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/h/${endpointId}`, method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A Stripe-signed body, as Stripe would send it. */
function stripeSigned(body: string): Record<string, string> {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` };
}

/** Sends `count` unsigned junk requests, `parallel` at a time. */
async function flood(agent: Agent, port: number, endpointId: string, count: number, parallel = 32) {
  let next = 0;
  const statuses = new Map<number, number>();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const status = await post(agent, port, endpointId, `{"junk":${n}}`, {
        'Content-Type': 'application/json',
      });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return statuses;
}

interface Status {
  endpoints: { id: string; total: number; pending: number; keptOverLimit: number }[];
  retention: { keep: number; keepUntrusted: number; deleted: number; deletedUntrusted: number } | null;
}

// Issue 12.1: an endpoint with a secret held one valid, pending event; 10,050 unsigned junk
// requests pushed it out through retention (--keep 10000). Junk now has its own, smaller budget,
// and a pending trusted event is never deleted to make room.
describe('retention under a flood of unsigned junk', () => {
  it('keeps the one valid pending event and trims the junk on its own budget', async () => {
    const home = tempHome();
    const port = await freePort();
    const args = ['--port', String(port), '--ui-port', '0', '--keep', '10000'];
    const serve = await startServe(home, args);
    const ep = runCliJson<{ id: string }>(home, [
      'endpoints',
      'create',
      'payments',
      '--provider',
      'stripe',
      '--secret',
      SECRET,
    ]);
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const body = '{"id":"evt_real","type":"invoice.paid","object":"event"}';
    expect(await post(agent, port, ep.id, body, stripeSigned(body))).toBe(200);
    const real = runCliJson<{ id: string; verification: { status: string } }[]>(home, [
      'events',
      'list',
      '--endpoint',
      'payments',
    ]);
    expect(real).toHaveLength(1);
    expect(real[0]?.verification.status).toBe('valid');
    const realId = real[0]?.id ?? '';

    const statuses = await flood(agent, port, ep.id, 10_050);
    agent.destroy();
    expect(statuses.get(200)).toBe(10_050);

    // The leader trims at start (and every minute): a restart is a retention run we need not wait for.
    await serve.stop('SIGTERM');
    const again = await startServe(home, args);
    const shown = runCliJson<{ id: string; ackedAt: number | null }>(home, ['events', 'show', realId]);
    expect(shown).toMatchObject({ id: realId, ackedAt: null });
    const status = runCliJson<Status>(home, ['status']);
    const counts = status.endpoints.find((e) => e.id === ep.id);
    expect(status.retention).toMatchObject({ keep: 10_000, keepUntrusted: 1_000, deletedUntrusted: 9_050 });
    expect(counts).toMatchObject({ total: 1_001, keptOverLimit: 0 });

    await again.stop('SIGTERM');
  }, 120_000);

  it('keeps pending trusted events beyond --keep, and says so in status and the log', async () => {
    const home = tempHome();
    const port = await freePort();
    const args = ['--port', String(port), '--ui-port', '0', '--keep', '3', '--keep-untrusted', '2'];
    const serve = await startServe(home, args);
    const ep = runCliJson<{ id: string }>(home, [
      'endpoints',
      'create',
      'payments',
      '--provider',
      'stripe',
      '--secret',
      SECRET,
    ]);
    const agent = new Agent({ keepAlive: true });
    for (let i = 0; i < 5; i++) {
      const body = `{"id":"evt_${i}","type":"invoice.paid","object":"event"}`;
      expect(await post(agent, port, ep.id, body, stripeSigned(body))).toBe(200);
    }
    await flood(agent, port, ep.id, 6, 2);
    agent.destroy();
    await serve.stop('SIGTERM');

    const again = await startServe(home, args);
    const status = runCliJson<Status>(home, ['status']);
    // 5 valid pending events are all kept (2 beyond --keep 3); the junk is cut to 2.
    expect(status.endpoints.find((e) => e.id === ep.id)).toMatchObject({ total: 7, keptOverLimit: 2 });
    expect(runCli(home, ['status']).stdout).toContain(
      '2 pending event(s) kept beyond --keep (not deleted: ack them or raise --keep)',
    );
    expect(again.stderr()).toMatch(/retention kept 2 pending event\(s\) of \\?"payments\\?" beyond --keep 3/);
    await again.stop('SIGTERM');
  }, 60_000);
});
