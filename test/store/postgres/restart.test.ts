import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayStore } from '../../../electron/core/relay-ports';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { newEvent } from '../../helpers/new-event';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';

// Its own server: this file stops and starts it.
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('PostgreSQL relay store across a database restart', () => {
  it('rejects as unavailable while PostgreSQL is down, works again once it is back, and its doorbell rings again', async () => {
    const url = await server.newDatabase();
    const writer: RelayStore = await openPostgresRelayStore(url, { connectTimeoutMs: 1_000 });
    const listener: RelayStore = await openPostgresRelayStore(url, { connectTimeoutMs: 1_000 });
    try {
      const before = newEvent('ep', '{"n":1}');
      await writer.commit([before]);

      await server.stop();
      const lost = newEvent('ep', '{"n":2}');
      await expect(writer.commit([lost])).rejects.toMatchObject({ code: 'unavailable' });
      await expect(writer.feed(0, 10, 1000)).rejects.toMatchObject({ code: 'unavailable' });
      await expect(writer.useToken('x', 1)).rejects.toMatchObject({ code: 'unavailable' });

      await server.start();
      let rings = 0;
      listener.onChange(() => rings++);
      // The same store objects work again: no reopen, no restart of the relay.
      const after = newEvent('ep', '{"n":3}');
      expect(await retry(() => writer.commit([after]))).toHaveLength(1);
      expect(await listener.getEvent(after.id)).not.toBeNull();
      expect(await writer.getEvent(lost.id)).toBeNull();
      expect(await listener.getEvent(before.id)).not.toBeNull();
      // The listener's LISTEN connection came back: another relay's commit rings it.
      const ringsBefore = rings;
      await retry(async () => {
        await writer.commit([newEvent('ep', '{}')]);
        if (rings === ringsBefore) throw new Error('no ring yet');
      });
      expect(rings).toBeGreaterThan(ringsBefore);
    } finally {
      await writer.close();
      await listener.close();
    }
  }, 60_000);
});

/** Calls `work` until it resolves (PostgreSQL takes a moment to accept connections again). */
async function retry<T>(work: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
