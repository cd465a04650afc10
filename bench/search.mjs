// Search and filters at scale: storage per event, substring search (needle / common / filtered / miss)
// and indexed filters at 100k and 1M events, median and p95. Seeds through the store's own commit
// (the receiver's write path), then lets the search index catch up (timed separately).
// Usage: node bench/search.mjs   (env BENCH_SEARCH_MAX=1000000; BENCH_SRC=<a checkout> measures another tree)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { percentile as pct, report, tempHome } from './lib.mjs';

const MAX = Number(process.env.BENCH_SEARCH_MAX ?? 1_000_000);
const SRC = resolve(process.env.BENCH_SRC ?? resolve(import.meta.dirname, '..'));
const CHECKPOINTS = [100_000, MAX].filter((n, i, a) => n <= MAX && a.indexOf(n) === i);
const BATCH = 2_000;
const QUERIES = 30;

// The store is TypeScript; bundle it once for this run, next to node_modules so better-sqlite3 resolves.
const outDir = mkdtempSync(resolve(import.meta.dirname, '../node_modules/.cache/hookline-bench-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
await build({
  entryPoints: [join(SRC, 'electron/store/store.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['better-sqlite3'],
  outfile: join(outDir, 'store.mjs'),
  logLevel: 'error',
});
const { SqliteStore } = await import(join(outDir, 'store.mjs'));

const home = tempHome();
const store = new SqliteStore(home);
const endpointId = 'benchEndpoint0000000000001';
store.endpoints.create({
  id: endpointId,
  label: 'bench',
  provider: 'stripe',
  secrets: [],
  rejectInvalid: false,
  forwardUrl: null,
  response: null,
  verify: { toleranceSeconds: 300 },
  createdAt: Date.now(),
  createdBy: 'cli',
});

const TYPES = [
  'invoice.paid',
  'invoice.payment_failed',
  'customer.created',
  'charge.refunded',
  'payment_intent.succeeded',
];
const verdict = (status) => ({
  status,
  scheme: status === 'unsigned' ? null : 'stripe',
  reason: status,
  signatureMatched: status === 'valid',
  fresh: true,
  signedAt: null,
  checkedAt: 0,
});
const VALID = verdict('valid');
const INVALID = verdict('invalid');
const customer = (n) => `cus_${(n * 7919).toString(36)}`;

/** A Stripe-like event of about 1 KiB; every 50th fails verification, every 100th is a PUT. */
function event(n) {
  const type = TYPES[n % TYPES.length];
  const body = Buffer.from(
    JSON.stringify({
      id: `evt_${n.toString(36).padStart(10, '0')}`,
      object: 'event',
      type,
      created: 1_700_000_000 + n,
      api_version: '2024-06-20',
      livemode: false,
      pending_webhooks: 1,
      request: { id: `req_${(n * 31).toString(36)}`, idempotency_key: null },
      data: {
        object: {
          id: `in_${n}`,
          object: 'invoice',
          customer: customer(n),
          customer_email: `user${n % 5_000}@example.com`,
          customer_phone: `+1555${String(n).padStart(7, '0')}`,
          amount_due: n % 10_000,
          amount_paid: n % 10_000,
          currency: 'usd',
          billing_reason: 'subscription_cycle',
          collection_method: 'charge_automatically',
          hosted_invoice_url: `https://invoice.stripe.com/i/acct_1Bench/test_${n.toString(36)}`,
          status: 'paid',
          subscription: `sub_${(n % 20_000).toString(36)}`,
          lines: {
            object: 'list',
            data: [
              {
                id: `il_${n}`,
                description: `1 × Pro plan (at $${n % 100}.00 / month)`,
                amount: n % 5_000,
                period: { start: 1_700_000_000, end: 1_702_592_000 },
              },
            ],
          },
          metadata: { order: `ord_${n}`, region: ['eu', 'us', 'apac'][n % 3] },
        },
      },
    }),
  );
  return {
    id: `evt_${String(n).padStart(22, '0')}`,
    endpointId,
    receivedAt: 1_700_000_000_000 + n,
    method: n % 100 === 0 ? 'PUT' : 'POST',
    path: '/stripe',
    query: '',
    headers: [
      ['Host', 'hooks.example.test'],
      ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Stripe-Signature', `t=${1_700_000_000 + n},v1=${randomBytes(32).toString('hex')}`],
      ['Content-Length', String(body.length)],
    ],
    body,
    truncated: false,
    contentType: 'application/json; charset=utf-8',
    remoteAddr: '127.0.0.1',
    provider: 'stripe',
    providerEventId: null,
    providerEventType: type,
    verification: n % 50 === 0 ? INVALID : VALID,
    responseStatus: 200,
  };
}

function time(fn) {
  const times = [];
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    hits = fn(i);
    times.push(performance.now() - t);
  }
  return { median: pct(times, 50), p95: pct(times, 95), hits };
}
const list = (q) => time((i) => store.events.list({ limit: 50, order: 'desc', ...q(i) }).length);
const count = (q) => time((i) => store.events.count(q(i), 10_000).count);
const print = (name, r) =>
  console.log(
    `  ${name.padEnd(22)} median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms (${r.hits} rows)`,
  );

let inserted = 0;
let seedMs = 0;
let indexMs = 0;
for (const checkpoint of CHECKPOINTS) {
  const t0 = performance.now();
  while (inserted < checkpoint) {
    const batch = [];
    for (let i = 0; i < BATCH && inserted < checkpoint; i++) batch.push(event(inserted++));
    await store.events.commit(batch);
  }
  seedMs += performance.now() - t0;
  const t1 = performance.now();
  const indexed = store.maintenance.indexNow ? store.maintenance.indexNow() : 0;
  indexMs += performance.now() - t1;
  // Ack every 20th event of the newest 2,000 (acked events are few in a real inbox).
  const recent = store.events.list({ limit: 2_000, order: 'desc' }).filter((_, i) => i % 20 === 0);
  store.events.ack(
    recent.map((e) => e.id),
    'bench',
    'done',
    null,
    Date.now(),
  );
  const bytes = store.maintenance.sizeOnDisk();
  const indexRate = store.maintenance.indexNow
    ? `, indexed behind at ${Math.round(inserted / (indexMs / 1000))} events/s (${indexed} now)`
    : '';
  console.log(
    `${checkpoint.toLocaleString('en')} events: ${(bytes / checkpoint).toFixed(0)} bytes per event on disk (body ${event(1).body.length} B), committed at ${Math.round(inserted / (seedMs / 1000))} events/s${indexRate}`,
  );
  const last = checkpoint - 1;
  const searches = {
    // A whole customer id (1 hit), part of a phone number inside a string, a word in every 5th event,
    // a common word with filters, and a word no event has.
    needle: list((i) => ({ text: customer(last - i * 97) })),
    substring: list((i) => ({
      text: `5550${String(last - i * 97)
        .padStart(7, '0')
        .slice(0, 5)}`,
    })),
    common: list(() => ({ text: 'refunded' })),
    filtered: list(() => ({ text: 'invoice', endpointIds: [endpointId], verification: ['valid'] })),
    miss: list((i) => ({ text: `nosuchword${i}` })),
  };
  const filters = {
    'verdict invalid': list(() => ({ verification: ['invalid'] })),
    'method PUT': list(() => ({ methods: ['PUT'] })),
    acked: list(() => ({ endpointIds: [endpointId], acked: true })),
    pending: list(() => ({ endpointIds: [endpointId], acked: false })),
    'type refunded': list(() => ({ eventTypes: ['charge.refunded'] })),
    'count invalid': count(() => ({ verification: ['invalid'] })),
    'count PUT': count(() => ({ methods: ['PUT'] })),
    'count acked': count(() => ({ endpointIds: [endpointId], acked: true })),
  };
  console.log(' search (newest 50):');
  for (const [name, r] of Object.entries(searches)) print(name, r);
  console.log(' filters (newest 50, or count):');
  for (const [name, r] of Object.entries(filters)) print(name, r);
  const tag = checkpoint >= 1_000_000 ? `${checkpoint / 1_000_000}M` : `${checkpoint / 1000}k`;
  const worst = (rs) => Math.max(...Object.values(rs).map((r) => r.median));
  const worstP95 = (rs) => Math.max(...Object.values(rs).map((r) => r.p95));
  report(`search-${tag}`, {
    events: checkpoint,
    seedPerSec: Math.round(inserted / (seedMs / 1000)),
    bytesPerEvent: Math.round(bytes / checkpoint),
    worstMedianMs: Number(worst(searches).toFixed(2)),
    worstP95Ms: Number(worstP95(searches).toFixed(2)),
    ...Object.fromEntries(
      Object.entries(searches).map(([k, r]) => [`${k}MedianMs`, Number(r.median.toFixed(2))]),
    ),
  });
  report(`filters-${tag}`, {
    events: checkpoint,
    worstMedianMs: Number(worst(filters).toFixed(2)),
    worstP95Ms: Number(worstP95(filters).toFixed(2)),
  });
}
store.maintenance.close();
