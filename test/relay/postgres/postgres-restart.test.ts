import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { endpointRow } from '../../helpers/endpoint-row';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';
import { tempHome } from '../../helpers/temp-home';
import { type Sent, send, startRelayProcess, storedBodies } from './relay-process';

// Its own server: this file stops and starts it.
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const SENDERS = 10;

describe('a relay on PostgreSQL when PostgreSQL restarts under load', () => {
  it('answers 503 while the database is gone (never a 2xx for something not stored) and recovers without a restart', async () => {
    const database = await server.newDatabase();
    const endpoint = endpointRow('restart');
    const setup = await openPostgresRelayStore(database);
    await setup.createEndpoint(endpoint);
    await setup.close();
    const relay = await startRelayProcess(tempHome(), database);

    const results: (Sent & { phase: 'before' | 'down' | 'after' })[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let okAfter = 0;
    const senders = Promise.all(
      Array.from({ length: SENDERS }, async () => {
        // Bounded: stop once the relay has stored 50 requests after the database came back (or 2,000 tries).
        for (let n = 0; n < 2_000 && okAfter < 50; n++) {
          const at = phase;
          const sent = await send(relay.url, endpoint.id, randomBytes(256));
          results.push({ ...sent, phase: at });
          if (at === 'after' && sent.status === 200) okAfter++;
          if (sent.status !== 200) await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    await until(() => results.filter((r) => r.status === 200).length >= 50);
    await server.stop();
    phase = 'down';
    await until(() => results.filter((r) => r.phase === 'down' && r.status === 503).length >= 10).catch(
      (error: unknown) => {
        const statuses = new Set(results.filter((r) => r.phase === 'down').map((r) => r.status));
        throw new Error(
          `${String(error)}: answers while down ${[...statuses].join(', ')}; ${relay.stderr()}`,
        );
      },
    );
    await server.start();
    phase = 'after';
    await senders;

    // Every answer was a 200 or a 503: the relay itself never went away.
    expect(results.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    expect(results.filter((r) => r.phase === 'down' && r.status === 503).length).toBeGreaterThanOrEqual(10);
    expect(okAfter).toBeGreaterThanOrEqual(50);
    expect(relay.child.exitCode).toBeNull();

    const store = await openPostgresRelayStore(database);
    try {
      const stored = await storedBodies(store);
      for (const r of results.filter((x) => x.status === 200))
        expect(stored.get(r.body.toString('hex'))).toBe(1);
    } finally {
      await store.close();
    }
  }, 120_000);
});

async function until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
