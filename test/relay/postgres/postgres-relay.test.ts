import { afterAll, afterEach, beforeAll } from 'vitest';
import { openRelayStore } from '../../../electron/app/relay-store';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';
import { tempHome } from '../../helpers/temp-home';
import { describeRelayBehaviour } from '../relay-behaviour';

// The same behaviour suite the embedded SQLite store passes (sqlite-relay.test.ts), on a real
// PostgreSQL server: a fresh database per test, opened as `hookline relay --database` opens it.
let server: TestPostgres;
let stopped = false;

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
