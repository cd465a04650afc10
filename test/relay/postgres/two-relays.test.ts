import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { endpointRow } from '../../helpers/endpoint-row';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';
import { tempHome } from '../../helpers/temp-home';
import { type Sent, send, startRelayProcess, storedBodies } from './relay-process';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const SENDERS = 50;
const PER_SENDER = 12;

describe('two relay processes on one PostgreSQL', () => {
  it('stores every request that got a 2xx exactly once, byte-exact, though one relay is SIGKILLed mid-stream', async () => {
    const database = await server.newDatabase();
    const store = await openPostgresRelayStore(database);
    try {
      const endpoint = endpointRow('shared');
      await store.createEndpoint(endpoint);
      const relays = [
        await startRelayProcess(tempHome(), database),
        await startRelayProcess(tempHome(), database),
      ];
      const victim = relays[1];
      if (!victim) throw new Error('no relay');
      const results: Sent[] = [];
      let killed = false;
      await Promise.all(
        Array.from({ length: SENDERS }, async (_, sender) => {
          for (let n = 0; n < PER_SENDER; n++) {
            const relay = relays[(sender + n) % 2];
            if (!relay) continue;
            // Binary bodies, unique per request: a 16-byte tag and random bytes of varying length.
            const body = Buffer.concat([randomBytes(16), randomBytes(64 + ((sender * 31 + n * 17) % 4000))]);
            results.push(await send(relay.url, endpoint.id, body));
            if (!killed && results.length >= (SENDERS * PER_SENDER) / 3) {
              killed = true;
              victim.child.kill('SIGKILL');
            }
          }
        }),
      );
      expect(killed).toBe(true);
      const ok = results.filter((r) => r.status >= 200 && r.status < 300);
      // The survivor took its half throughout; the victim answered until it died.
      expect(ok.length).toBeGreaterThan((SENDERS * PER_SENDER) / 2);
      expect(results.filter((r) => r.status === 0).length).toBeGreaterThan(0);
      const stored = await storedBodies(store);
      for (const r of ok) expect(stored.get(r.body.toString('hex'))).toBe(1);
      // Answers name the stored event, and it holds exactly the bytes sent.
      for (const r of ok.slice(0, 50)) {
        const event = await store.getEvent(r.eventId ?? '');
        expect(Buffer.from(event?.body ?? []).equals(r.body)).toBe(true);
        expect(event?.headers).toContainEqual(['x-tag', 'relay-test']);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
