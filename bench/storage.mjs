// Storage at scale: DB size per 10,000 events, and full-text search latency at 100k and 1M events.
// Seeds through the real SqliteStore events.commit (batched transactions, FTS rows included) — the same write
// path the receiver uses — rather than over HTTP, which would take far longer on a small machine.
// Usage: npm run build && node bench/storage.mjs   (env BENCH_STORAGE_MAX=1000000)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { percentile as pct, report, tempHome } from './lib.mjs';

const MAX = Number(process.env.BENCH_STORAGE_MAX ?? 1_000_000);
const CHECKPOINTS = [10_000, 100_000, MAX].filter((n, i, a) => n <= MAX && a.indexOf(n) === i);
const BATCH = 2_000;
const QUERIES = 30;

// The store is TypeScript; bundle it once for this run (esbuild is already a dev dependency).
// Inside node_modules so the bundle resolves better-sqlite3 from the project.
const outDir = mkdtempSync(resolve(import.meta.dirname, '../node_modules/.cache/hookline-bench-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
await build({
  entryPoints: [resolve(import.meta.dirname, '../electron/store/store.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['better-sqlite3'],
  outfile: join(outDir, 'store.mjs'),
  logLevel: 'error',
});
const { SqliteStore } = await import(join(outDir, 'store.mjs'));

/** Checkpoints the WAL so the size measured is the database's own (the store keeps no public handle). */
function checkpoint_(dir) {
  const db = new Database(join(dir, 'hookline.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

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
const verification = {
  status: 'unsigned',
  scheme: null,
  reason: 'No signature header',
  signatureMatched: null,
  fresh: null,
  signedAt: null,
  checkedAt: 0,
};

/** A Stripe-like invoice event of about 1 KiB with a unique customer id (for needle searches). */
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
          customer: `cus_${(n * 7919).toString(36)}`,
          customer_email: `user${n % 5_000}@example.com`,
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
    method: 'POST',
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
    verification,
    responseStatus: 200,
    forward: false,
  };
}

function timeQuery(q) {
  const times = [];
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    hits = store.events.list(q(i)).length;
    times.push(performance.now() - t);
  }
  return { median: pct(times, 50), p95: pct(times, 95), hits };
}

let inserted = 0;
const seedStart = performance.now();
const sizes = {};
const searches = {};
for (const checkpoint of CHECKPOINTS) {
  while (inserted < checkpoint) {
    const batch = [];
    for (let i = 0; i < BATCH && inserted < checkpoint; i++) batch.push(event(inserted++));
    await store.events.commit(batch);
  }
  checkpoint_(home);
  const bytes = store.maintenance.sizeOnDisk();
  sizes[checkpoint] = bytes;
  const seconds = (performance.now() - seedStart) / 1000;
  console.log(
    `${checkpoint.toLocaleString('en')} events: ${(bytes / 1e6).toFixed(1)} MB on disk (${(((bytes / checkpoint) * 10_000) / 1e6).toFixed(2)} MB per 10k), seeded at ${Math.round(inserted / seconds)} events/s`,
  );
  if (checkpoint < 100_000) continue;
  // Needle: one customer id (1 hit); common: a word in every 5th event (newest 50 of many);
  // filtered: common word plus a method/verification filter; miss: a word no event has.
  const needle = timeQuery((i) => ({
    text: `cus_${(((checkpoint - 1 - i * 997) * 7919) % 1e12).toString(36)}`,
    limit: 50,
    order: 'desc',
  }));
  const common = timeQuery(() => ({ text: 'refunded', limit: 50, order: 'desc' }));
  const filtered = timeQuery(() => ({
    text: 'invoice',
    endpointIds: [endpointId],
    verification: ['unsigned'],
    limit: 50,
    order: 'desc',
  }));
  const miss = timeQuery((i) => ({ text: `nosuchword${i}`, limit: 50, order: 'desc' }));
  searches[checkpoint] = { needle, common, filtered, miss };
  for (const [name, r] of Object.entries(searches[checkpoint]))
    console.log(
      `  search ${name.padEnd(8)} median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms (${r.hits} rows)`,
    );
}
if (process.env.BENCH_DBSTAT) {
  try {
    const db = new Database(join(home, 'hookline.db'), { readonly: true });
    console.log(
      db
        .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8')
        .all(),
    );
    db.close();
  } catch (e) {
    console.log(String(e));
  }
}
store.maintenance.close();

const perTen = (n) => Number((((sizes[n] / n) * 10_000) / 1e6).toFixed(2));
report('db-size', {
  mbPer10kAt10k: perTen(CHECKPOINTS[0]),
  mbPer10kAtMax: perTen(MAX),
  events: MAX,
  mbAtMax: Number((sizes[MAX] / 1e6).toFixed(1)),
  bodyBytes: event(1).body.length,
});
for (const [n, s] of Object.entries(searches)) {
  const worst = Math.max(s.needle.median, s.common.median, s.filtered.median, s.miss.median);
  report(`search-${Number(n) >= 1_000_000 ? `${Number(n) / 1_000_000}M` : `${Number(n) / 1000}k`}`, {
    events: Number(n),
    worstMedianMs: Number(worst.toFixed(2)),
    needleMedianMs: Number(s.needle.median.toFixed(2)),
    commonMedianMs: Number(s.common.median.toFixed(2)),
    filteredMedianMs: Number(s.filtered.median.toFixed(2)),
    missMedianMs: Number(s.miss.median.toFixed(2)),
    p95Ms: Number(Math.max(s.needle.p95, s.common.p95, s.filtered.p95, s.miss.p95).toFixed(2)),
  });
}
