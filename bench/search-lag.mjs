// Search lag at a sustained rate: how long after its 2xx an event is in the search index (until then
// search checks it directly, so it is found at once either way; this measures the indexer keeping up).
// Usage: npm run build && node bench/search-lag.mjs [rate=1000] [seconds=15]
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliJson, freePort, percentile, report, startServe, tempHome } from './lib.mjs';

const rate = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 15);
const TICK_MS = 10;

const home = tempHome();
const { child, facts } = await startServe(home, ['--port', String(await freePort())]);
const endpoint = cliJson(home, ['endpoints', 'create', 'lag']);
const url = `${facts.localBaseUrl}/h/${endpoint.id}`;
const db = new Database(join(home, 'hookline.db'), { readonly: true });
db.pragma('busy_timeout = 1000');
const indexedStmt = db.prepare(
  'SELECT seq, id FROM events WHERE seq > ? AND seq <= (SELECT indexed_to FROM search_state) ORDER BY seq',
);
const cursorStmt = db.prepare('SELECT indexed_to AS n FROM search_state');

const acceptedAt = new Map();
// Indexed before this process read the 2xx (the indexer can beat the response over the socket): lag 0.
const indexedEarly = new Set();
const lags = [];
let errors = 0;
let sent = 0;
let seen = cursorStmt.get().n;
const started = performance.now();

function poll() {
  const now = performance.now();
  const rows = indexedStmt.all(seen);
  for (const { seq, id } of rows) {
    seen = seq;
    const at = acceptedAt.get(id);
    if (at !== undefined) {
      lags.push(now - at);
      acceptedAt.delete(id);
    } else indexedEarly.add(id);
  }
}

// Keep-alive sockets, as a provider's sender would use: no port exhaustion at a sustained rate.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const inflight = new Set();
const sender = setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
  for (let i = 0; i < due; i++) {
    const n = sent++;
    const body = JSON.stringify({
      type: 'invoice.paid',
      token: `lag_${n.toString(36)}_x`,
      pad: 'p'.repeat(900),
    });
    const p = post(body)
      .then(({ status, json }) => {
        if (status !== 200 || !json.event_id) errors++;
        else if (indexedEarly.delete(json.event_id)) lags.push(0);
        else acceptedAt.set(json.event_id, performance.now());
      })
      .catch(() => errors++)
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
}, TICK_MS);
const poller = setInterval(poll, 20);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(sender);
await Promise.all(inflight);
const drainEnd = performance.now() + 10_000;
while (acceptedAt.size > 0 && performance.now() < drainEnd) {
  await new Promise((r) => setTimeout(r, 20));
}
clearInterval(poller);
poll();
db.close();
agent.destroy();
child.kill();

const achieved = sent / seconds;
console.log(
  `search lag: ${sent} events at ${Math.round(achieved)}/s for ${seconds} s (target rate ${rate}/s), ${errors} errors`,
);
console.log(
  `  2xx → indexed: p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms (target < 1 s); never indexed: ${acceptedAt.size}`,
);
report('search-lag', {
  rate: Math.round(achieved),
  events: sent,
  p50Ms: Math.round(percentile(lags, 50)),
  p95Ms: Math.round(percentile(lags, 95)),
  maxMs: Math.round(Math.max(...lags)),
  notIndexed: acceptedAt.size,
  errors,
});
