// Soak: 50 concurrent senders (valid, signed, malformed, unknown, oversize, slow, aborted requests)
// against a leader `hookline serve` that is SIGKILLed and replaced several times, while an MCP client
// polls and acks, a UI client streams SSE and auto-forward delivers to a flaky local target.
// At the end: every 2xx is stored exactly once with its bytes intact (or was trimmed by retention
// after an ack, or as untrusted junk), retention never deleted a pending trusted event, no event was
// forwarded twice, every accepted forward was delivered or visibly given up, every ack holds, the DB
// is sound. All traffic stays on 127.0.0.1.
// Usage: npm run test:soak   (env SOAK_SECONDS=150 SOAK_KILLS=5 SOAK_KEEP=2000 SOAK_KEEP_UNTRUSTED=200)
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Database from 'better-sqlite3';
import { CLI, cliJson, freePort, tempHome } from './lib.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 150);
const KILLS = Number(process.env.SOAK_KILLS ?? 5);
// Small budgets, so retention runs for real (at every leader start and every minute).
const KEEP = String(process.env.SOAK_KEEP ?? 2000);
const KEEP_UNTRUSTED = String(process.env.SOAK_KEEP_UNTRUSTED ?? 200);
const SENDERS = 50;
const MAX_BODY = 64 * 1024;
const STRIPE_SECRET = `whsec_${randomBytes(18).toString('base64url')}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha = (buf) => createHash('sha256').update(buf).digest('hex');
const log = (line) => console.log(`[soak ${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`);
const t0 = performance.now();

const home = tempHome('hookline-soak-');
const port = await freePort();
const env = {
  ...process.env,
  HOOKLINE_HOME: home,
  // Short retries so the flaky target sees retries within the run.
  HOOKLINE_FORWARD_BACKOFF_MS: '100,300,900',
  HOOKLINE_FORWARD_TIMEOUT_MS: '1000',
  // The flaky target fails half the time and stalls 5% of sends for the whole timeout; with ~100
  // forwards a second to it, the default 8 sends in flight per target would fall behind for minutes.
  HOOKLINE_FORWARD_PER_TARGET: '32',
};

// ---- flaky forward target -----------------------------------------------------------------------
const target = { requests: 0, ok: 0, failed: 0 };
const okByUrl = new Map(); // forwarded request URL (unique per event) -> times of the 200s sent in time
const targetServer = http.createServer((req, res) => {
  target.requests++;
  req.resume();
  req.on('end', () => {
    const roll = Math.random();
    if (roll < 0.3) {
      target.failed++;
      res.writeHead(500).end('flaky');
    } else if (roll < 0.4) {
      target.failed++;
      res.destroy();
    } else if (roll < 0.45) {
      target.failed++;
      setTimeout(() => res.writeHead(200).end('too late'), 1_500);
    } else {
      target.ok++;
      okByUrl.set(req.url, [...(okByUrl.get(req.url) ?? []), performance.now()]);
      res.writeHead(200).end('ok');
    }
  });
});
await new Promise((r) => targetServer.listen(0, '127.0.0.1', r));
const targetUrl = `http://127.0.0.1:${targetServer.address().port}/hook`;

// ---- serve processes (leader + followers) -------------------------------------------------------
const serves = new Map(); // pid -> { child, uiUrl }
let stderrTail = '';
function startServe() {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--json',
      '--tunnel',
      'none',
      '--port',
      String(port),
      '--ui-port',
      '0',
      '--max-body',
      String(MAX_BODY),
      '--keep',
      KEEP,
      '--keep-untrusted',
      KEEP_UNTRUSTED,
    ],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  process.on('exit', () => child.kill('SIGKILL'));
  child.stderr.on('data', (d) => {
    stderrTail = (stderrTail + d).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line && !serves.has(child.pid)) {
        const facts = JSON.parse(line);
        serves.set(child.pid, { child, uiUrl: facts.uiUrl });
        resolve(facts);
      }
    });
    child.once('exit', () => {
      serves.delete(child.pid);
      reject(new Error(`serve exited early: ${stderrTail}`));
    });
  });
}

function health() {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve(res.statusCode === 200 ? JSON.parse(body) : null));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
  });
}

await startServe();
await startServe();
const forwardEp = cliJson(home, ['endpoints', 'create', 'soak', '--forward-to', targetUrl]);
const signedEp = cliJson(home, [
  'endpoints',
  'create',
  'soak-stripe',
  '--provider',
  'stripe',
  '--secret',
  STRIPE_SECRET,
]);
log(
  `receiver port ${port}, endpoints ${forwardEp.id} (forwarding) and ${signedEp.id} (stripe), ${SENDERS} senders, ${SECONDS} s, ${KILLS} leader kills`,
);

// ---- senders ------------------------------------------------------------------------------------
const records = new Map(); // marker -> { kind, sha, status, eventId, error }
const counts = { sent: 0, acknowledged: 0, refused4xx: 0, connErrors: 0, other: 0 };
let running = true;

/** One exchange over a fresh socket: exact bytes out, first status line back (or an error). */
function exchange(bytes, { slowMs = 0, abortAt = -1 } = {}) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = Buffer.alloc(0);
    let settled = false;
    const done = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done({ error: 'timeout' }), 20_000);
    socket.on('data', (d) => {
      answer = Buffer.concat([answer, d]);
    });
    socket.on('error', (e) => done({ error: e.code ?? e.message }));
    socket.on('close', () => {
      const text = answer.toString('latin1');
      const status = Number(text.split(' ')[1] ?? 0);
      const id = /x-hookline-event-id: (\S+)/i.exec(text)?.[1] ?? null;
      done(status ? { status, eventId: id } : { error: 'closed without answer' });
    });
    socket.on('connect', async () => {
      if (abortAt >= 0) {
        socket.write(bytes.subarray(0, abortAt));
        await sleep(20);
        return done({ error: 'aborted by sender' });
      }
      if (slowMs > 0) {
        // Slow but within the request timeout: a dozen pieces over slowMs.
        const step = Math.ceil(bytes.length / 12);
        for (let i = 0; i < bytes.length && !settled; i += step) {
          socket.write(bytes.subarray(i, i + step));
          await sleep(slowMs / 12);
        }
        socket.end();
        return;
      }
      socket.end(bytes);
    });
  });
}

function request(method, path, headers, body) {
  const head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function randomBody() {
  if (Math.random() < 0.3)
    return Buffer.from(JSON.stringify({ type: 'soak.event', n: Math.random(), text: 'ü€ \u2028' }));
  return randomBytes(Math.floor(Math.random() * 8_192));
}

const KINDS = [
  ['valid', 0.55],
  ['signed', 0.1],
  ['malformed', 0.08],
  ['unknown', 0.06],
  ['oversize', 0.06],
  ['slow', 0.07],
  ['aborted', 0.08],
];
function pickKind() {
  let roll = Math.random();
  for (const [kind, p] of KINDS) {
    roll -= p;
    if (roll < 0) return kind;
  }
  return 'valid';
}

async function sendOne(sender, n) {
  const kind = pickKind();
  const marker = `/s${sender}-${n}`;
  let body = randomBody();
  let bytes;
  let opts = {};
  switch (kind) {
    case 'signed': {
      body = Buffer.from(JSON.stringify({ id: `evt_${sender}_${n}`, type: 'invoice.paid', object: 'event' }));
      const t = Math.floor(Date.now() / 1000);
      const good = createHmac('sha256', STRIPE_SECRET).update(`${t}.`).update(body).digest('hex');
      const signedOk = Math.random() < 0.5;
      opts = { trusted: signedOk };
      const sig = signedOk ? good : 'f'.repeat(64);
      bytes = request(
        'POST',
        `/h/${signedEp.id}${marker}`,
        [
          ['Content-Type', 'application/json'],
          ['Stripe-Signature', `t=${t},v1=${sig}`],
        ],
        body,
      );
      break;
    }
    case 'malformed':
      bytes = request(
        'POST',
        `/h/${forwardEp.id}${marker}`,
        [
          ['Bad Header', 'x'],
          ['X-Ctl', 'a\x01b'],
        ],
        body,
      );
      break;
    case 'unknown':
      bytes = request('POST', `/h/nope${sender}x${n}${marker}`, [], body);
      break;
    case 'oversize':
      body = randomBytes(MAX_BODY + 1 + Math.floor(Math.random() * 10_000));
      bytes = request(
        'POST',
        `/h/${forwardEp.id}${marker}`,
        [['Content-Type', 'application/octet-stream']],
        body,
      );
      break;
    case 'slow':
      bytes = request(
        'PUT',
        `/h/${forwardEp.id}${marker}?slow=1`,
        [['Content-Type', 'application/octet-stream']],
        body,
      );
      opts = { slowMs: 1_000 + Math.random() * 1_000 };
      break;
    case 'aborted':
      body = randomBytes(1_000 + Math.floor(Math.random() * 20_000));
      bytes = request('POST', `/h/${forwardEp.id}${marker}`, [], body);
      opts = { abortAt: bytes.length - body.length + Math.floor(Math.random() * body.length) };
      break;
    default:
      bytes = request(
        'POST',
        `/h/${forwardEp.id}${marker}?q=${n}`,
        [
          ['Content-Type', 'application/octet-stream'],
          ['X-Sender', String(sender)],
        ],
        body,
      );
  }
  counts.sent++;
  // Trusted as core/trust.ts says: anything on the endpoint without a secret, only valid signatures on the other.
  const trusted = opts.trusted ?? true;
  const result = await exchange(bytes, opts);
  records.set(marker.slice(1), { kind, sha: sha(body), trusted, ...result });
  if (result.status >= 200 && result.status < 300) counts.acknowledged++;
  else if (result.status >= 400 && result.status < 500) counts.refused4xx++;
  else if (result.error) counts.connErrors++;
  else counts.other++;
  return result;
}

async function sender(i) {
  let n = 0;
  while (running) {
    const r = await sendOne(i, n++);
    // Back off a little when the leader is gone, as real senders do.
    await sleep(r.error && r.error !== 'aborted by sender' ? 200 : 20 + Math.random() * 60);
  }
}

// ---- MCP agent: poll and ack --------------------------------------------------------------------
const acked = new Set();
const mcpStats = { polls: 0, ackCalls: 0, restarts: 0, errors: 0, pid: null };
let mcp = null;
async function startMcp() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      CLI,
      'mcp',
      '--port',
      String(port),
      '--tunnel',
      'none',
      '--keep',
      KEEP,
      '--keep-untrusted',
      KEEP_UNTRUSTED,
      '--max-body',
      String(MAX_BODY),
    ],
    env,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'soak-agent', version: '1' });
  await client.connect(transport);
  mcpStats.pid = transport.pid;
  const call = async (name, args) => {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error(`${name}: ${r.content[0]?.text}`);
    return r.structuredContent;
  };
  return { client, call };
}
async function agentLoop() {
  let cursor;
  while (running) {
    try {
      if (!mcp) {
        mcp = await startMcp();
        mcpStats.restarts++;
      }
      const page = await mcp.call('poll_events', { endpoint: 'soak', cursor, limit: 50, detail: 'summary' });
      mcpStats.polls++;
      const ids = page.events.map((e) => e.event_id);
      if (ids.length > 0) {
        const res = await mcp.call('ack_events', { event_ids: ids, outcome: 'done' });
        mcpStats.ackCalls++;
        for (const r of res.results)
          if (r.result === 'acked' || r.result === 'already_acked') acked.add(r.event_id);
      }
      cursor = page.cursor;
      await sleep(150);
    } catch {
      mcpStats.errors++;
      await mcp?.client.close().catch(() => {});
      mcp = null;
      await sleep(500);
    }
  }
}

// ---- UI client: SSE stream ----------------------------------------------------------------------
const sse = { connections: 0, changes: 0, created: 0 };
let sseReq = null;
async function sseLoop() {
  while (running) {
    const alive = [...serves.values()].find((s) => s.uiUrl);
    if (!alive) {
      await sleep(300);
      continue;
    }
    const ui = new URL(alive.uiUrl);
    await new Promise((resolve) => {
      sseReq = http.get(
        {
          host: '127.0.0.1',
          port: ui.port,
          path: `/api/stream?token=${ui.searchParams.get('token')}`,
          headers: { Host: `127.0.0.1:${ui.port}` },
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return resolve();
          }
          sse.connections++;
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            for (const line of chunk.split('\n')) {
              if (!line.startsWith('data: ')) continue;
              sse.changes++;
              if (line.includes('"event.created"')) sse.created++;
            }
          });
          res.on('close', resolve);
          res.on('error', resolve);
        },
      );
      sseReq.on('error', resolve);
    });
    await sleep(300);
  }
}

// ---- leader kills -------------------------------------------------------------------------------
const kills = [];
async function killLoop() {
  const every = (SECONDS * 1000) / (KILLS + 1);
  for (let k = 0; k < KILLS && running; k++) {
    await sleep(every);
    if (!running) break;
    // /healthz says a leader answers (it names no pid: the port is public); the runtime row says which.
    const answering = await health();
    const leaderPid = answering ? cliJson(home, ['status']).runtime.leaderPid : null;
    if (!leaderPid) {
      log('no leader answering; skipping this kill');
      continue;
    }
    const h = { pid: leaderPid };
    const serve = serves.get(h.pid);
    const who = serve ? 'serve' : h.pid === mcpStats.pid ? 'mcp' : 'unknown';
    process.kill(h.pid, 'SIGKILL');
    kills.push({ at: Math.round((performance.now() - t0) / 1000), atMs: performance.now(), pid: h.pid, who });
    log(`SIGKILL leader pid ${h.pid} (${who})`);
    if (serve) {
      await new Promise((r) =>
        serve.child.exitCode !== null || serve.child.signalCode !== null ? r() : serve.child.once('exit', r),
      );
      serves.delete(h.pid);
      await startServe().catch((e) => log(`restart failed: ${e.message}`));
    }
  }
}

// ---- run ----------------------------------------------------------------------------------------
const statusTimer = setInterval(
  () =>
    log(
      `sent ${counts.sent}, 2xx ${counts.acknowledged}, 4xx ${counts.refused4xx}, conn errors ${counts.connErrors}; acked by agent ${acked.size}; SSE changes ${sse.changes}; forwards seen ${target.requests}`,
    ),
  15_000,
);
const loops = [agentLoop(), sseLoop(), killLoop()];
const senders = Array.from({ length: SENDERS }, (_, i) => sender(i));
await sleep(SECONDS * 1000);
running = false;
await Promise.all(senders);
clearInterval(statusTimer);
// Let the last forwards and acks land (every open forward settles while a leader runs), then stop everything.
await sleep(2_000);
const openForwards = () => {
  const db = new Database(join(home, 'hookline.db'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT count(*) AS n FROM events WHERE forward_stage IN ('pending', 'delivering', 'retrying')`,
      )
      .get().n;
  } finally {
    db.close();
  }
};
for (let waited = 0; waited < 60_000 && openForwards() > 0; waited += 500) await sleep(500);
sseReq?.destroy();
await Promise.all(loops);
await mcp?.client.close().catch(() => {});
for (const { child } of serves.values()) child.kill('SIGTERM');
await Promise.all(
  [...serves.values()].map(
    ({ child }) => new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))),
  ),
);
targetServer.close();

// ---- verify -------------------------------------------------------------------------------------
const db = new Database(join(home, 'hookline.db'), { readonly: true });
const integrity = db.pragma('integrity_check', { simple: true });
const rows = db
  .prepare('SELECT id, path, body, acked_at FROM events WHERE endpoint_id IN (?, ?)')
  .all(forwardEp.id, signedEp.id);
const byMarker = new Map();
for (const row of rows) {
  const marker = row.path.slice(1);
  byMarker.set(marker, [...(byMarker.get(marker) ?? []), row]);
}
const problems = [];
let lost = 0;
let corrupted = 0;
let duplicates = 0;
let storedWithout2xx = 0;
let refusedButStored = 0;
let trimmedAcked = 0;
let trimmedUntrusted = 0;
let pendingTrustedDeleted = 0;
for (const [marker, rec] of records) {
  const found = byMarker.get(marker) ?? [];
  if (found.length > 1) {
    duplicates++;
    problems.push(`${marker}: stored ${found.length} times`);
  }
  for (const row of found) {
    if (sha(row.body) !== rec.sha) {
      corrupted++;
      problems.push(`${marker}: stored bytes differ from those sent`);
    }
  }
  const ok = rec.status >= 200 && rec.status < 300;
  if (ok && found.length === 0) {
    // Retention may delete an event once the agent acked it, and untrusted junk beyond its budget.
    if (acked.has(rec.eventId)) trimmedAcked++;
    else if (!rec.trusted) trimmedUntrusted++;
    else {
      lost++;
      pendingTrustedDeleted++;
      problems.push(`${marker}: got ${rec.status}, was pending and trusted, but is not stored`);
    }
  }
  if (ok && found.length === 1 && rec.eventId && found[0].id !== rec.eventId)
    problems.push(`${marker}: stored under another id`);
  if (!ok && found.length > 0) {
    if (['malformed', 'unknown', 'oversize', 'aborted'].includes(rec.kind) && rec.status >= 400) {
      refusedButStored++;
      problems.push(`${marker}: refused with ${rec.status} but stored`);
    } else if (rec.kind === 'aborted') {
      refusedButStored++;
      problems.push(`${marker}: aborted mid-body but stored`);
    } else storedWithout2xx++; // committed, then the leader died before answering: allowed
  }
}
const ackedRows = new Map(rows.map((r) => [r.id, r.acked_at]));
// An acked event retention has since deleted is no regression; one still stored must be acked.
const unacked = [...acked].filter((id) => ackedRows.has(id) && ackedRows.get(id) == null);
for (const id of unacked.slice(0, 5)) problems.push(`${id}: acked by the agent but pending in the DB`);
const deliveries = db
  .prepare(`SELECT count(*) AS attempts, count(DISTINCT event_id) AS events,
    sum(CASE WHEN response_status BETWEEN 200 AND 299 THEN 1 ELSE 0 END) AS delivered,
    sum(CASE WHEN next_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS scheduled
    FROM deliveries WHERE kind = 'forward'`)
  .get();
// Every event the forwarding endpoint accepted has a forward state; at the end each is delivered or
// given up with a reason people can read — none left open, none without a state.
const forwardStates = Object.fromEntries(
  db
    .prepare(
      `SELECT coalesce(forward_stage, 'none') AS stage, count(*) AS n FROM events WHERE endpoint_id = ? GROUP BY 1`,
    )
    .all(forwardEp.id)
    .map((r) => [r.stage, r.n]),
);
const gaveUpSilently = db
  .prepare(`SELECT count(*) AS n FROM events WHERE forward_stage = 'gave_up' AND forward_reason IS NULL`)
  .get().n;
const forwardsUnsettled =
  (forwardStates.pending ?? 0) +
  (forwardStates.delivering ?? 0) +
  (forwardStates.retrying ?? 0) +
  (forwardStates.none ?? 0) +
  gaveUpSilently;
// An event whose forward the target answered 200 (in time) more than once was forwarded twice —
// unless a leader was SIGKILLed within a timeout of that 200, before it could record it: delivery is
// at least once, and a send cut off by a crash is sent again (counted apart, not a failure).
let forwardedTwice = 0;
let resentAfterCrash = 0;
for (const times of okByUrl.values()) {
  if (times.length < 2) continue;
  const [first, second] = times;
  const crash = kills.some((k) => k.atMs >= first && k.atMs <= second && k.atMs - first < 2_000);
  if (crash) resentAfterCrash++;
  else forwardedTwice++;
}
db.close();

const byKind = {};
for (const rec of records.values()) {
  if (!byKind[rec.kind]) byKind[rec.kind] = { sent: 0, '2xx': 0, '4xx': 0, noAnswer: 0 };
  const k = byKind[rec.kind];
  k.sent++;
  if (rec.status >= 200 && rec.status < 300) k['2xx']++;
  else if (rec.status >= 400) k['4xx']++;
  else k.noAnswer++;
}
const result = {
  seconds: SECONDS,
  senders: SENDERS,
  sent: counts.sent,
  acknowledged: counts.acknowledged,
  refused4xx: counts.refused4xx,
  noAnswer: counts.connErrors + counts.other,
  stored: rows.length,
  storedWithout2xx,
  lost,
  corrupted,
  duplicates,
  refusedButStored,
  ackedByAgent: acked.size,
  ackRegressions: unacked.length,
  retention: { keep: Number(KEEP), keepUntrusted: Number(KEEP_UNTRUSTED), trimmedAcked, trimmedUntrusted },
  pendingTrustedDeleted,
  forwardedTwice,
  resentAfterCrash,
  forwardStates,
  forwardsUnsettled,
  integrity,
  leaderKills: kills.length,
  kills,
  mcp: mcpStats,
  sse,
  forwardTarget: target,
  forwardDeliveries: deliveries,
  byKind,
};
console.log('\nsoak result');
console.log(
  `  requests sent ${result.sent}, acknowledged (2xx) ${result.acknowledged}, refused (4xx) ${result.refused4xx}, no answer ${result.noAnswer}`,
);
console.log(
  `  stored ${result.stored} (of which ${storedWithout2xx} committed without the sender seeing the 2xx)`,
);
console.log(
  `  lost ${lost}, corrupted ${corrupted}, duplicates ${duplicates}, refused-but-stored ${refusedButStored}`,
);
console.log(
  `  agent acked ${acked.size} (${unacked.length} not acked in the DB), MCP polls ${mcpStats.polls}, MCP restarts ${mcpStats.restarts}`,
);
console.log(`  SSE: ${sse.connections} connections, ${sse.changes} changes (${sse.created} event.created)`);
console.log(
  `  forwarding: target saw ${target.requests} requests (${target.ok} ok); ${deliveries.attempts} attempts for ${deliveries.events} events, ${deliveries.delivered} delivered`,
);
console.log(
  `  retention (--keep ${KEEP}, --keep-untrusted ${KEEP_UNTRUSTED}): trimmed ${trimmedAcked} acked and ${trimmedUntrusted} untrusted; pending trusted deleted ${pendingTrustedDeleted}`,
);
console.log(
  `  forward states: ${JSON.stringify(forwardStates)}; forwarded twice ${forwardedTwice} (plus ${resentAfterCrash} resent because their leader was killed mid-send); accepted but neither delivered nor visibly given up ${forwardsUnsettled}`,
);
console.log(`  leader kills: ${kills.map((k) => `${k.at}s ${k.who}`).join(', ')}`);
console.log(`  integrity_check: ${integrity}`);
for (const kind of Object.keys(byKind)) console.log(`  ${kind.padEnd(10)} ${JSON.stringify(byKind[kind])}`);
for (const p of problems.slice(0, 20)) console.log(`  PROBLEM ${p}`);
console.log(`SOAK_RESULT ${JSON.stringify(result)}`);

const failed =
  lost > 0 ||
  corrupted > 0 ||
  duplicates > 0 ||
  refusedButStored > 0 ||
  unacked.length > 0 ||
  pendingTrustedDeleted > 0 ||
  forwardedTwice > 0 ||
  forwardsUnsettled > 0 ||
  integrity !== 'ok' ||
  kills.length === 0 ||
  result.acknowledged === 0;
console.log(failed ? 'SOAK FAILED' : 'SOAK PASSED: 0 lost');
process.exit(failed ? 1 : 0);
