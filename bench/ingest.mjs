// Durable ingest vs a bare node:http server, both driven by autocannon in this run.
// Usage: node bench/ingest.mjs [seconds=10] [connections=50] [--signed]
// --signed sends a signature header too, so every request after the first is a byte-identical
// redelivery: it measures the redelivery lookup (a body hash and one index probe) on the 2xx path.
// BENCH_SCHEMA=1: the endpoint has a JSON Schema attached, so the leader checks every event behind
// the receiver (its cost lands on the same process) — and the time the checks take to catch up is printed.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { bareServer, cliJson, freePort, report, startServe, tempHome } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const signed = process.argv.includes('--signed');
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_123', pad: 'x'.repeat(1024 - 60) } });

/**
 * CPU seconds a process has used (Linux /proc; null elsewhere). CPU per request is what this machine's
 * neighbours cannot distort much, unlike requests per second when the two cores are shared.
 */
function cpuSeconds(pid, thread = false) {
  try {
    // The main thread alone (its tid is the pid): the receiver's thread, without the ingest worker.
    const file = thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Drives a server and measures its CPU per request meanwhile. */
async function measured(pid, url) {
  const before = cpuSeconds(pid);
  const mainBefore = cpuSeconds(pid, true);
  const result = await drive(url);
  const after = cpuSeconds(pid);
  const mainAfter = cpuSeconds(pid, true);
  const requests = result.requests.total;
  result.cpuUsPerRequest = before === null || after === null ? null : ((after - before) * 1e6) / requests;
  result.mainCpuUsPerRequest =
    mainBefore === null || mainAfter === null ? null : ((mainAfter - mainBefore) * 1e6) / requests;
  return result;
}

function drive(url) {
  return autocannon({
    url,
    // BENCH_RATE: a fixed offered load (requests/s in all) instead of as fast as possible: CPU per
    // request then compares builds fairly on a machine whose cores are shared.
    ...(process.env.BENCH_RATE ? { overallRate: Number(process.env.BENCH_RATE) } : {}),
    method: 'POST',
    connections,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      ...(signed ? { 'x-webhook-signature': 'a'.repeat(64) } : {}),
    },
    body,
  });
}

const bare = await bareServer();
const bareResult = await measured(bare.child.pid, `http://127.0.0.1:${bare.port}/`);
bare.child.kill();

const home = tempHome();
const { child, facts } = await startServe(home, ['--port', String(await freePort())]);
const endpoint = cliJson(home, ['endpoints', 'create', 'bench']);
const withSchema = process.env.BENCH_SCHEMA === '1';
if (withSchema) {
  const file = join(home, 'bench.schema.json');
  const string = { type: 'string' };
  const schema = {
    type: 'object',
    required: ['type', 'data'],
    properties: { type: string, data: { type: 'object', properties: { id: string, pad: string } } },
  };
  writeFileSync(file, JSON.stringify(schema));
  cliJson(home, ['schema', 'attach', 'bench', '--file', file]);
}
// The WAL's size while ingesting: it stays small when checkpoints keep up and the log starts over;
// growing to the writer's backstop (~32 MB at 8 KiB pages) means the receiver's thread checkpointed.
let walPeakBytes = 0;
const walTimer = setInterval(() => {
  try {
    walPeakBytes = Math.max(walPeakBytes, statSync(join(home, 'hookline.db-wal')).size);
  } catch {
    // No WAL at this instant.
  }
}, 20);
const hookResult = await measured(child.pid, `${facts.localBaseUrl}/h/${endpoint.id}`);
clearInterval(walTimer);
const ended = performance.now();
let stored = cliJson(home, ['events', 'list', '--limit', '1']);
let checkLagMs = null;
if (withSchema) {
  // The newest event is checked once the checker has caught up with the burst.
  while (stored[0]?.schemaViolations === null) {
    await new Promise((r) => setTimeout(r, 100));
    stored = cliJson(home, ['events', 'list', '--limit', '1']);
  }
  checkLagMs = Math.round(performance.now() - ended);
}
child.kill();

const row = (name, r) =>
  `${name.padEnd(22)} ${String(Math.round(r.requests.average)).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.non2xx}   CPU ${r.cpuUsPerRequest?.toFixed(1) ?? '?'} µs/request (main thread ${r.mainCpuUsPerRequest?.toFixed(1) ?? '?'})`;
console.log(
  `ingest: ${connections} connections, ${seconds} s, 1 KiB JSON bodies${signed ? ', signed (identical: redeliveries)' : ''}${withSchema ? ', a JSON Schema attached (every event checked)' : ''}`,
);
console.log(row('bare node:http', bareResult));
console.log(row('hookline (durable)', hookResult));
const ratio = hookResult.requests.average / bareResult.requests.average;
console.log(
  `ratio: ${(ratio * 100).toFixed(1)}% of bare (target >= 45%), p99 ${hookResult.latency.p99} ms (target < 10 ms)`,
);
const cpuRatio =
  bareResult.cpuUsPerRequest && hookResult.cpuUsPerRequest
    ? bareResult.cpuUsPerRequest / hookResult.cpuUsPerRequest
    : null;
if (cpuRatio !== null)
  console.log(
    `CPU per request: bare is ${(cpuRatio * 100).toFixed(1)}% of hookline's (the ratio without neighbours' load)`,
  );
console.log(`WAL peak ${(walPeakBytes / 1048576).toFixed(1)} MB`);
if (stored.length !== 1) console.log('WARNING: no events stored');
if (checkLagMs !== null)
  console.log(
    `schema checks caught up ${(checkLagMs / 1000).toFixed(1)} s after the burst of ${hookResult.requests.total} events ended`,
  );
report('ingest', {
  bareReqPerSec: Math.round(bareResult.requests.average),
  hooklineReqPerSec: Math.round(hookResult.requests.average),
  ratioPercent: Number((ratio * 100).toFixed(1)),
  p50Ms: hookResult.latency.p50,
  p99Ms: hookResult.latency.p99,
  bareP99Ms: bareResult.latency.p99,
  cpuUsPerRequest: hookResult.cpuUsPerRequest === null ? null : Number(hookResult.cpuUsPerRequest.toFixed(1)),
  mainThreadCpuUsPerRequest:
    hookResult.mainCpuUsPerRequest === null ? null : Number(hookResult.mainCpuUsPerRequest.toFixed(1)),
  bareCpuUsPerRequest:
    bareResult.cpuUsPerRequest === null ? null : Number(bareResult.cpuUsPerRequest.toFixed(1)),
  cpuRatioPercent: cpuRatio === null ? null : Number((cpuRatio * 100).toFixed(1)),
  errors: hookResult.errors + hookResult.non2xx,
  schema: withSchema,
  schemaCheckLagMs: checkLagMs,
  walPeakMb: Number((walPeakBytes / 1048576).toFixed(1)),
});
