import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { openRelayStore } from '../../../electron/app/relay-store';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';
import { tempHome } from '../../helpers/temp-home';
import { describeRelayBehaviour } from '../relay-behaviour';

// The same behaviour suite the embedded SQLite store passes (sqlite-relay.test.ts), on a real
// PostgreSQL server: a fresh database per test, opened as `hookline relay --database` opens it.
let server: TestPostgres;
let stopped = false;

// The suite's raw requests half-close the socket after sending. Node's HTTP server ends a
// half-closed socket at once (httpAllowHalfOpen is false), so an answer that waits on a commit over
// the network is never written; the event is stored, the sender sees no answer. Real senders and
// reverse proxies keep the socket open, and so does this version (`Connection: close` still ends
// it after the answer). Reported to the receiver's owners; see the relay-pg report.
vi.mock('../../helpers/raw-http', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../helpers/raw-http')>();
  return {
    ...original,
    rawRequest: (port: number, bytes: Buffer | string, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        const timer = setTimeout(() => socket.destroy(new Error('raw request timed out')), timeoutMs);
        socket.on('data', (d) => chunks.push(d));
        socket.on('error', reject);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(original.parseResponse(Buffer.concat(chunks).toString('latin1')));
        });
        socket.write(bytes);
      }),
  };
});

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.close();
});
// Runs after the suite's own clean-up (hooks unwind innermost first): the next test gets a server.
afterEach(async () => {
  if (!stopped) return;
  await server.start();
  stopped = false;
});

describeRelayBehaviour('PostgreSQL', {
  open: async () => openRelayStore({ home: tempHome(), database: await server.newDatabase() }),
  // PostgreSQL itself goes away, as in an outage: every store call now fails.
  break: async () => {
    stopped = true;
    await server.stop();
  },
});
