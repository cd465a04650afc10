// Relay mirror: how fast a desktop catches up after missing 10,000 events (events/s, from its first
// "catching up" to "connected"), and how long an ack made on one desktop takes to show on another.
// Real processes on loopback: `hookline relay` (embedded SQLite) and two `hookline serve --relay`.
// Run `npm run build` first. Prints figures (BENCH_RESULT lines for run-all.mjs).
import { cliJson, percentile, report, startRelay, startServe, tempHome } from './lib.mjs';

const MISSED = Number(process.env.BENCH_MISSED ?? 10_000);
const ACKS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function send(url, count, parallel = 32) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n, pad: 'x'.repeat(400) }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`relay answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Calls a desktop's UI API. */
async function ui(facts, method, params) {
  const u = new URL(facts.uiUrl);
  const res = await fetch(`${u.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${u.searchParams.get('token')}` },
    body: JSON.stringify(params),
  });
  return res.json();
}

/** Resolves with the time (ms, performance.now) a serve --json line matching `pred` is printed. */
function lineAt(child, pred) {
  return new Promise((res) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let nl = buf.indexOf('\n');
      while (nl !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('{') && pred(JSON.parse(line))) return res(performance.now());
        nl = buf.indexOf('\n');
      }
    });
  });
}

const relayHome = tempHome();
const started = await startRelay(relayHome);
const relay = { child: started.child, url: started.facts.localUrl };
const alice = cliJson(relayHome, ['relay', 'tokens', 'create', 'alice']).token;
const bob = cliJson(relayHome, ['relay', 'tokens', 'create', 'bob']).token;
const api = (token, method, path, body) =>
  fetch(`${relay.url}/api/relay/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  }).then((r) => r.json());
const { endpoint } = await api(alice, 'POST', '/endpoints', { label: 'bench' });

const sendStart = performance.now();
await send(`${relay.url}/h/${endpoint.id}`, MISSED);
const sendMs = performance.now() - sendStart;
console.log(
  `relay took ${MISSED} events in ${(sendMs / 1000).toFixed(1)} s (${Math.round(MISSED / (sendMs / 1000))}/s)`,
);

// A desktop that never saw any of them connects: catch-up runs from its first page to "connected".
const homeA = tempHome();
const relayArgs = (token) => ['--port', '0', '--relay', relay.url, '--relay-token', token];
const a = await startServe(homeA, relayArgs(alice));
const began = lineAt(a.child, (f) => f.relay?.state === 'catching_up');
const done = lineAt(a.child, (f) => f.relay?.state === 'connected');
const [t0, t1] = await Promise.all([began, done]);
const status = cliJson(homeA, ['status']);
const local = status.endpoints.find((e) => e.id === endpoint.id)?.total ?? 0;
const seconds = (t1 - t0) / 1000;
console.log(
  `desktop caught up ${local} of ${MISSED} events in ${seconds.toFixed(2)} s: ${Math.round(local / seconds)} events/s`,
);

// A second desktop sees the first one's acks: latency per ack, polled every 5 ms.
const homeB = tempHome();
const b = await startServe(homeB, relayArgs(bob));
await lineAt(b.child, (f) => f.relay?.state === 'connected');
const { events } = await ui(a.facts, 'events.list', { limit: ACKS, order: 'asc' });
const latencies = [];
for (const e of events) {
  const start = performance.now();
  await ui(a.facts, 'events.ack', { ids: [e.id] });
  for (;;) {
    const seen = await ui(b.facts, 'events.summaries', { ids: [e.id] });
    if (seen.events[0]?.ackedAt != null) break;
    if (performance.now() - start > 10_000) throw new Error(`ack of ${e.id} not seen in 10 s`);
    await sleep(5);
  }
  latencies.push(performance.now() - start);
}
const p50 = percentile(latencies, 50);
const p95 = percentile(latencies, 95);
console.log(
  `ack seen on the second desktop: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${ACKS} acks)`,
);

report('relay-catchup', {
  missed: MISSED,
  caughtUp: local,
  catchupSeconds: Number(seconds.toFixed(2)),
  eventsPerSecond: Math.round(local / seconds),
  ackP50Ms: Math.round(p50),
  ackP95Ms: Math.round(p95),
});
for (const p of [a.child, b.child, relay.child]) p.kill('SIGTERM');
process.exit(local === MISSED ? 0 : 1);
