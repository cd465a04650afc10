// The cost byte-identical redelivery marking adds to the receiver's path, measured directly (ingest
// runs on a shared machine are too noisy to show a few microseconds): the fingerprint of a signed
// 1 KiB request (core/redelivery.ts: SHA-256 over signature headers and body) and the store's lookup
// (store/event-repo.ts firstDelivery, the same SQL on the same index) in an inbox of 100,000 events.
// Run `npm run build` first; the inbox is made by the real CLI. Prints figures; asserts nothing.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliJson, report, tempHome } from './lib.mjs';

const EVENTS = 100_000;
const ROUNDS = 20_000;
const body = Buffer.from(
  JSON.stringify({ type: 'invoice.paid', data: { id: 'in_123', pad: 'x'.repeat(1024 - 60) } }),
);
const headers = [
  ['Content-Type', 'application/json'],
  ['X-Webhook-Signature', 'a'.repeat(64)],
];

/** As core/redelivery.ts computes it (kept in step by test/mcp/redelivery.test.ts's behaviour). */
function fingerprint(n) {
  const hash = createHash('sha256');
  for (const [name, value] of headers)
    if (/signature|hmac/i.test(name)) hash.update(`${name.toLowerCase()}:${value}${n}\n`);
  hash.update(body);
  return hash.digest('base64url').slice(0, 22);
}

const home = tempHome();
const endpoint = cliJson(home, ['endpoints', 'create', 'bench', '--json']);
const db = new Database(join(home, 'hookline.db'));
const fill = performance.now();
db.prepare(
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
   INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size,
     verification_status, verification, response_status, redelivery_key)
   SELECT printf('evt_%022d', i), ?, ? + i, 'POST', '', '', '[]', x'00', 1, 'no_secret', '{}', 200,
     CASE WHEN i % 2 = 0 THEN printf('k%021d', i) END
   FROM n`,
).run(EVENTS, endpoint.id, Date.now() - EVENTS);
const fillMs = performance.now() - fill;

// The statement event-repo.ts prepares for firstDelivery's redelivery branch.
const lookup = db.prepare(
  `SELECT id FROM events WHERE endpoint_id = ? AND redelivery_key = ? AND received_at >= ?
   ORDER BY seq LIMIT 1`,
);
const since = Date.now() - 24 * 3600 * 1000;
const time = (fn) => {
  for (let i = 0; i < 1000; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < ROUNDS; i++) fn(i);
  return ((performance.now() - t) * 1000) / ROUNDS;
};
const hashUs = time((i) => fingerprint(i));
const missUs = time((i) => lookup.get(endpoint.id, fingerprint(i), since));
const hitUs = time((i) =>
  lookup.get(endpoint.id, `k${String(2 * ((i % 1000) + 1)).padStart(21, '0')}`, since),
);
console.log(
  `redelivery marking in an inbox of ${EVENTS.toLocaleString('en')} events (filled in ${fillMs.toFixed(0)} ms):`,
);
console.log(`  fingerprint of a signed 1 KiB request: ${hashUs.toFixed(2)} µs`);
console.log(`  fingerprint + lookup, no earlier copy (a new message): ${missUs.toFixed(2)} µs`);
console.log(`  lookup of a redelivery (an earlier copy exists): ${hitUs.toFixed(2)} µs`);
console.log('  unsigned requests: no fingerprint, no lookup (a header-name test only)');
report('redelivery-cost', { hash_us: hashUs, new_message_us: missUs, redelivery_lookup_us: hitUs });
db.close();
