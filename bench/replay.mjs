// Auto-forwarding cost: the sender-facing latency of the receiver with and without a forward URL
// (target answering after 100 ms), and how fast forwards drain. Run: npm run build && node bench/replay.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const CLI = join(import.meta.dirname, '../dist/cli.js');
const home = mkdtempSync(join(tmpdir(), 'hookline-bench-'));
const env = { ...process.env, HOOKLINE_HOME: home };

let hits = 0;
const target = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hits++;
    setTimeout(() => res.end('ok'), 100);
  });
});
await new Promise((r) => target.listen(0, '127.0.0.1', r));
const targetUrl = `http://127.0.0.1:${target.address().port}/hooks`;

const cli = (...args) =>
  JSON.parse(spawnSync(process.execPath, [CLI, ...args, '--json'], { env, encoding: 'utf8' }).stdout);
const serve = spawn(
  process.execPath,
  [CLI, 'serve', '--json', '--tunnel', 'none', '--port', '0', '--ui-port', '0'],
  { env },
);
const facts = await new Promise((resolve) =>
  serve.stdout.once('data', (d) => resolve(JSON.parse(String(d).split('\n')[0]))),
);
const base = `http://127.0.0.1:${facts.receiverPort}`;
const plain = cli('endpoints', 'create', 'plain').id;
const forwarded = cli('endpoints', 'create', 'fwd', '--forward-to', targetUrl).id;

const body = JSON.stringify({ type: 'invoice.paid', data: { object: { id: 'in_1', amount: 4200 } } });
async function load(endpointId, amount) {
  const r = await autocannon({
    url: `${base}/h/${endpointId}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    amount,
  });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), non2xx: r.non2xx };
}

const N = 2000;
console.log(`receiver, ${N} requests, 10 connections, target answers after 100 ms:`);
console.log('  without forwarding:', await load(plain, N));
const started = performance.now();
console.log('  with auto-forward :', await load(forwarded, N));
while (hits < N && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 50));
const seconds = (performance.now() - started) / 1000;
console.log(
  `  forwards delivered: ${hits}/${N} in ${seconds.toFixed(1)} s (${Math.round(hits / seconds)}/s, 8 in flight × 100 ms target)`,
);

serve.kill('SIGTERM');
await new Promise((r) => serve.once('exit', r));
target.close();
rmSync(home, { recursive: true, force: true });
