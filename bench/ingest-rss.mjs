// Memory of the core while ingesting over HTTP: a real `hookline serve` driven by autocannon for a
// bounded number of requests, its RSS sampled from /proc. The point: nothing in the core grows with
// the number of stored events, so peak RSS after 300k events is about the same as after 100k.
// Usage: npm run build && node bench/ingest-rss.mjs   (env BENCH_RSS_STAGES=100000,300000)
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { cliJson, freePort, report, startServe, tempHome } from './lib.mjs';

const STAGES = (process.env.BENCH_RSS_STAGES ?? '100000,300000').split(',').map(Number);
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_123', pad: 'x'.repeat(1024 - 60) } });

/** VmRSS and VmHWM (peak) of a process, MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const home = tempHome();
const { child, facts } = await startServe(home, ['--port', String(await freePort())]);
const endpoint = cliJson(home, ['endpoints', 'create', 'rss']);
const startMem = memory(child.pid);
console.log(`serve pid ${child.pid}: RSS at start ${startMem.rssMb.toFixed(1)} MB`);

let sent = 0;
const samples = [];
const sampler = setInterval(() => samples.push({ sent, ...memory(child.pid) }), 500);
const stages = [];
const started = performance.now();
for (const total of STAGES) {
  const amount = total - sent;
  const r = await autocannon({
    url: `${facts.localBaseUrl}/h/${endpoint.id}`,
    method: 'POST',
    connections: 20,
    amount,
    headers: { 'content-type': 'application/json' },
    body,
  });
  sent = total;
  const mem = memory(child.pid);
  stages.push({ events: total, ...mem, non2xx: r.non2xx + r.errors });
  console.log(
    `after ${total.toLocaleString('en')} events: RSS ${mem.rssMb.toFixed(1)} MB, peak ${mem.peakMb.toFixed(1)} MB (${Math.round(r.requests.average)} req/s, ${r.non2xx + r.errors} non-2xx)`,
  );
}
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
const stored = cliJson(home, ['events', 'list', '--limit', '1']);
child.kill('SIGTERM');

const first = stages[0];
const last = stages.at(-1);
const growth = last.peakMb - first.peakMb;
console.log(
  `peak RSS ${first.peakMb.toFixed(1)} MB at ${first.events.toLocaleString('en')} → ${last.peakMb.toFixed(1)} MB at ${last.events.toLocaleString('en')} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB) over ${seconds.toFixed(0)} s`,
);
if (stored.length !== 1) console.log('WARNING: no events stored');
report('ingest-rss', {
  startRssMb: Number(startMem.rssMb.toFixed(1)),
  stages: stages.map((s) => ({
    events: s.events,
    peakMb: Number(s.peakMb.toFixed(1)),
    rssMb: Number(s.rssMb.toFixed(1)),
  })),
  peakMbFirst: Number(first.peakMb.toFixed(1)),
  peakMbLast: Number(last.peakMb.toFixed(1)),
  eventsFirst: first.events,
  eventsLast: last.events,
  growthMb: Number(growth.toFixed(1)),
  maxSampledRssMb: Number(Math.max(...samples.map((s) => s.rssMb)).toFixed(1)),
  errors: stages.reduce((n, s) => n + s.non2xx, 0),
});
