// Relay ingest (hookline relay) vs a bare node:http server, both driven by autocannon in this run.
// Usage: node bench/relay-ingest.mjs [--seconds 10] [--connections 50] [--database postgres://…] [--processes N]
//   [--server-pid PID]: also count the CPU of that database server and its backends (PostgreSQL's postmaster).
// --processes N starts N relay processes on one database (PostgreSQL; SQLite has one writer) and
// spreads the connections over them. Every answered 2xx is then checked against the relay's feed.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CLI, bareServer, percentile, report, startRelay, tempHome } from './lib.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string' },
    processes: { type: 'string', default: '1' },
    'server-pid': { type: 'string' },
  },
});
const serverPid = values['server-pid'] ? Number(values['server-pid']) : null;
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const processes = Number(values.processes);
if (
  !(
    seconds > 0 &&
    seconds <= 120 &&
    connections > 0 &&
    connections <= 200 &&
    processes >= 1 &&
    processes <= 8
  )
)
  throw new Error('bounds: --seconds 1..120, --connections 1..200, --processes 1..8');
if (processes > 1 && !values.database)
  throw new Error(
    '--processes above 1 needs --database postgres://… (the embedded SQLite store has one writer)',
  );
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_123', pad: 'x'.repeat(1024 - 60) } });
const storeArgs = values.database ? ['--database', values.database] : [];

/** CPU seconds a process has used (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of a server and its direct children (PostgreSQL's backends, walwriter, checkpointer). */
function treeCpuSeconds(pid) {
  let total = cpuSeconds(pid) ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      // Backends that ended during the run are lost; the relays' pools keep theirs open.
      if (Number(fields[1]) === pid) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {}
  }
  return total;
}

/** Drives every URL at once (connections shared out) and sums what they did. */
async function drive(urls, pids) {
  const serverBefore = serverPid === null ? null : treeCpuSeconds(serverPid);
  const before = pids.map(cpuSeconds);
  const results = await Promise.all(
    urls.map((url, i) =>
      autocannon({
        url,
        method: 'POST',
        connections: Math.max(
          1,
          Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0),
        ),
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        body,
      }),
    ),
  );
  const after = pids.map(cpuSeconds);
  const serverAfter = serverPid === null ? null : treeCpuSeconds(serverPid);
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  const cpu = before.every((b, i) => b !== null && after[i] !== null)
    ? before.reduce((s, b, i) => s + (after[i] - b), 0)
    : null;
  return {
    reqPerSec: results.reduce((n, r) => n + r.requests.average, 0),
    // Percentiles do not add up across runs: the worst instance's p99 is an upper bound.
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: results.reduce((n, r) => n + r['2xx'], 0),
    errors: results.reduce((n, r) => n + r.errors + r.non2xx, 0),
    cpuUsPerRequest: cpu === null ? null : (cpu * 1e6) / total,
    serverCpuUsPerRequest: serverBefore === null ? null : ((serverAfter - serverBefore) * 1e6) / total,
  };
}

async function api(base, token, method, path, payload) {
  const res = await fetch(`${base}/api/relay/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Events of one endpoint in the feed after `after` (the integrity check: every 2xx stored once). */
async function storedEvents(base, token, endpointId) {
  const ids = new Set();
  let after = 0;
  for (;;) {
    const page = await api(base, token, 'GET', `feed?after=${after}&limit=1000`);
    for (const item of page.items)
      if (item.kind === 'event.created' && item.event.endpointId === endpointId) ids.add(item.event.id);
    after = page.next;
    if (!page.hasMore) return { stored: ids.size, cursor: after };
  }
}

const LATENCY_SAMPLES = 50;

/**
 * Event to feed visibility, on an idle relay after the load: one request at a time to the last
 * relay process, watched by a long-poll on the first (another process when there are two), timed
 * from sending the request to the long-poll answering with its event.
 */
async function feedLatency(from) {
  let cursor = from;
  const target = relays.at(-1).facts.localUrl;
  const samples = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const start = performance.now();
    const seen = (async () => {
      for (;;) {
        const page = await api(base, token, 'GET', `feed?after=${cursor}&limit=10&wait=5`);
        cursor = page.next;
        if (page.items.some((item) => item.kind === 'event.created')) return performance.now() - start;
      }
    })();
    const res = await fetch(`${target}/h/${endpoint.id}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await res.arrayBuffer();
    samples.push(await seen);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const bare = await bareServer();
const bareResult = await drive([`http://127.0.0.1:${bare.port}/`], [bare.child.pid]);
bare.child.kill();

const home = tempHome();
const made = spawnSync(
  process.execPath,
  [CLI, 'relay', 'tokens', 'create', `bench-${process.pid}`, '--json', ...storeArgs],
  {
    env: { ...process.env, HOOKLINE_HOME: home },
    encoding: 'utf8',
  },
);
if (made.status !== 0) throw new Error(`relay tokens create: ${made.stderr}`);
const { token } = JSON.parse(made.stdout);
const relays = [];
for (let i = 0; i < processes; i++) relays.push(await startRelay(home, storeArgs));
const base = relays[0].facts.localUrl;
const { endpoint } = await api(base, token, 'POST', 'endpoints', { label: `bench-${Date.now()}` });
const relayResult = await drive(
  relays.map((r) => `${r.facts.localUrl}/h/${endpoint.id}`),
  relays.map((r) => r.child.pid),
);
const readStart = performance.now();
const { stored, cursor } = await storedEvents(base, token, endpoint.id);
const feedEventsPerSec = Math.round(stored / ((performance.now() - readStart) / 1000));
const latency = await feedLatency(cursor);
for (const r of relays) r.child.kill('SIGTERM');

const label = `relay (${values.database ? 'postgres' : 'sqlite'}, ${processes} proc)`;
const row = (name, r) =>
  `${name.padEnd(28)} ${String(Math.round(r.reqPerSec)).padStart(8)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   errors ${r.errors}   CPU ${r.cpuUsPerRequest?.toFixed(1) ?? '?'} µs/request`;
console.log(`relay ingest: ${connections} connections, ${seconds} s, 1 KiB JSON bodies`);
console.log(row('bare node:http', bareResult));
console.log(row(label, relayResult));
if (relayResult.serverCpuUsPerRequest !== null)
  console.log(`database server CPU: ${relayResult.serverCpuUsPerRequest.toFixed(1)} µs/request`);
console.log(`feed: read back at ${feedEventsPerSec} events/s (pages of 1,000, whole events as base64)`);
console.log(
  `event to feed: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms from sending a request to ${processes > 1 ? "another relay's" : 'its'} long-poll having it (${LATENCY_SAMPLES} one at a time, after the load)`,
);
console.log(`ratio: ${((relayResult.reqPerSec / bareResult.reqPerSec) * 100).toFixed(1)}% of bare`);
// Requests still in flight when autocannon stops are stored but not counted: at most one per connection.
const consistent = stored >= relayResult.ok && stored <= relayResult.ok + connections;
console.log(
  `stored: ${stored} events for ${relayResult.ok} answers 2xx (+ at most ${connections} cut off in flight)${consistent ? '' : '  MISMATCH'}`,
);
report('relay-ingest', {
  store: values.database ? 'postgres' : 'sqlite',
  processes,
  bareReqPerSec: Math.round(bareResult.reqPerSec),
  relayReqPerSec: Math.round(relayResult.reqPerSec),
  ratioPercent: Number(((relayResult.reqPerSec / bareResult.reqPerSec) * 100).toFixed(1)),
  p50Ms: relayResult.p50,
  p99Ms: relayResult.p99,
  bareP99Ms: bareResult.p99,
  cpuUsPerRequest:
    relayResult.cpuUsPerRequest === null ? null : Number(relayResult.cpuUsPerRequest.toFixed(1)),
  serverCpuUsPerRequest:
    relayResult.serverCpuUsPerRequest === null ? null : Number(relayResult.serverCpuUsPerRequest.toFixed(1)),
  errors: relayResult.errors,
  answered2xx: relayResult.ok,
  stored,
  consistent,
  feedEventsPerSec,
  feedLatencyP50Ms: Number(latency.p50.toFixed(1)),
  feedLatencyP99Ms: Number(latency.p99.toFixed(1)),
});
process.exit(0);
