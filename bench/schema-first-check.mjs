// The receiver while the leader checks its first GitHub event: compiling GitHub's published schemas
// takes over a second of CPU, done in the schema checker's worker thread. Prints the latency of
// plain requests sent meanwhile, and when the check landed.
// Usage: node bench/schema-first-check.mjs [probes=200]
import { createHmac } from 'node:crypto';
import { cliJson, freePort, percentile, report, startServe, tempHome } from './lib.mjs';

const probes = Number(process.argv[2] ?? 200);
const home = tempHome();
const { child, facts } = await startServe(home, ['--port', String(await freePort())]);
const gh = cliJson(home, ['endpoints', 'create', 'gh', '--provider', 'github', '--secret', 's']);
const plain = cliJson(home, ['endpoints', 'create', 'plain']);
const body = JSON.stringify({ action: 'opened', number: 'seven', pull_request: { user: null } });
const sent = performance.now();
const res = await fetch(`${facts.localBaseUrl}/h/${gh.id}`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-hub-signature-256': `sha256=${createHmac('sha256', 's').update(body).digest('hex')}`,
  },
  body,
});
const eventId = res.headers.get('x-hookline-event-id');
const latencies = [];
for (let i = 0; i < probes; i++) {
  const start = performance.now();
  await fetch(`${facts.localBaseUrl}/h/${plain.id}`, { method: 'POST', body: `{"n":${i}}` }).then((r) =>
    r.text(),
  );
  latencies.push(performance.now() - start);
}
let checkedAfterMs = null;
for (let i = 0; i < 300 && checkedAfterMs === null; i++) {
  const shown = cliJson(home, ['events', 'show', eventId]);
  if (shown.schemaCheck) checkedAfterMs = Math.round(performance.now() - sent);
  else await new Promise((r) => setTimeout(r, 100));
}
child.kill();
const p50 = percentile(latencies, 50);
const p99 = percentile(latencies, 99);
const max = Math.max(...latencies);
console.log(
  `first GitHub event checked ${checkedAfterMs === null ? 'NOT within 30 s' : `${(checkedAfterMs / 1000).toFixed(1)} s after it was sent`}`,
);
console.log(
  `${probes} requests meanwhile: p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${max.toFixed(1)} ms`,
);
report('schema-first-check', {
  checkedAfterMs,
  probes,
  p50Ms: Number(p50.toFixed(1)),
  p99Ms: Number(p99.toFixed(1)),
  maxMs: Number(max.toFixed(1)),
});
