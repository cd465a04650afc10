// Agent latency: (1) from a POST accepted by the receiver (a `serve` leader) to wait_for_events
// returning in a separate `hookline mcp` process, over 200 events; (2) poll_events of 100 events
// from an inbox of 100,000, within the result budget. Run `npm run build` first. Prints figures; asserts nothing.
import http from 'node:http';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Database from 'better-sqlite3';
import { CLI, freePort, percentile as pct, report, startServe, tempHome } from './lib.mjs';

const EVENTS = 200;
const INBOX_SIZE = 100_000;
const POLLS = 50;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function startMcp(home, port) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--port', String(port), '--tunnel', 'none'],
    env: { ...process.env, HOOKLINE_HOME: home },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  const call = async (name, args) => {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error(`${name}: ${r.content[0]?.text}`);
    return r.structuredContent;
  };
  return { client, call };
}

const agent = new http.Agent({ keepAlive: true });
function post(url, body) {
  return new Promise((done, fail) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function wakeLatency() {
  const home = tempHome();
  const port = await freePort();
  const { child: serve } = await startServe(home, ['--port', String(port)]);
  const mcp = await startMcp(home, port);
  try {
    const hook = await mcp.call('register_webhook', { label: 'bench', secret: null });
    let cursor;
    const fromSent = [];
    const fromAccepted = [];
    for (let i = 0; i < EVENTS; i++) {
      let returnedAt = 0;
      const waiting = mcp
        .call('wait_for_events', { endpoint: 'bench', cursor, timeout_seconds: 10, detail: 'summary' })
        .then((page) => {
          returnedAt = performance.now();
          return page;
        });
      // Let the request reach the server and start waiting; a random pause keeps POSTs out of step with the feed's 25 ms tick.
      await sleep(10 + Math.random() * 30);
      const sentAt = performance.now();
      const status = await post(hook.url, JSON.stringify({ n: i }));
      const acceptedAt = performance.now();
      const page = await waiting;
      if (status !== 200 || page.events.length !== 1)
        throw new Error(`event ${i}: status ${status}, ${page.events.length} events`);
      cursor = page.cursor;
      fromSent.push(returnedAt - sentAt);
      // The 2xx goes out after the commit, so the wake-up can beat the response to the client: count that as 0.
      fromAccepted.push(Math.max(0, returnedAt - acceptedAt));
    }
    console.log(
      `wait_for_events wake-up over ${EVENTS} events (serve leads, mcp follows in another process):`,
    );
    console.log(
      `  from 2xx received:  p50 ${fmt(pct(fromAccepted, 50))}  p99 ${fmt(pct(fromAccepted, 99))}  (target p50 < 50 ms, p99 < 150 ms)`,
    );
    console.log(
      `  from POST sent:     p50 ${fmt(pct(fromSent, 50))}  p99 ${fmt(pct(fromSent, 99))}  max ${fmt(Math.max(...fromSent))}`,
    );
    report('agent-wake-latency', {
      events: EVENTS,
      p50_ms: pct(fromAccepted, 50),
      p99_ms: pct(fromAccepted, 99),
      p50_from_sent_ms: pct(fromSent, 50),
      p99_from_sent_ms: pct(fromSent, 99),
    });
  } finally {
    await mcp.client.close();
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
  }
}

async function pollLargeInbox() {
  const home = tempHome();
  const port = await freePort();
  const mcp = await startMcp(home, port);
  try {
    const hook = await mcp.call('register_webhook', { label: 'big', secret: null });
    for (let i = 0; i < 30 && (await mcp.call('get_inbox_status', {})).receiver.leader_pid === null; i++)
      await sleep(100);
    await post(
      hook.url,
      JSON.stringify({ type: 'invoice.paid', data: { object: { id: 'in_1', amount: 1200 } } }),
    );
    // Clone the one real event into a 100,000-event inbox with SQL (posting them all would take minutes).
    const db = new Database(join(home, 'hookline.db'));
    const started = performance.now();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size, truncated,
         content_type, remote_addr, provider, provider_event_id, provider_event_type, duplicate_of,
         verification_status, verification, response_status)
       SELECT printf('evt_%022d', i), e.endpoint_id, e.received_at + i, e.method, e.path, e.query, e.headers, e.body,
         e.body_size, e.truncated, e.content_type, e.remote_addr, e.provider, NULL, NULL, NULL,
         e.verification_status, e.verification, e.response_status
       FROM n, (SELECT * FROM events LIMIT 1) AS e`,
    ).run(INBOX_SIZE - 1);
    db.close();
    console.log(
      `\npoll_events from an inbox of ${INBOX_SIZE.toLocaleString('en')} events (filled in ${fmt(performance.now() - started)}):`,
    );
    // Results are budgeted (max_chars): a page holds as many events as fit, so count what each call returned.
    const shapes = [
      ['default (limit 20, detail full, max_chars 16000)', {}],
      ['limit 100, detail full, max_chars 64000', { limit: 100, max_chars: 64_000 }],
      ['limit 100, detail summary, max_chars 64000', { limit: 100, detail: 'summary', max_chars: 64_000 }],
    ];
    for (const [label, args] of shapes) {
      let cursor;
      const times = [];
      const counts = [];
      const sizes = [];
      for (let i = 0; i <= POLLS; i++) {
        const t = performance.now();
        const result = await mcp.client.callTool({ name: 'poll_events', arguments: { ...args, cursor } });
        const ms = performance.now() - t;
        const page = result.structuredContent;
        if (result.isError || page.events.length === 0) throw new Error(`poll ${i} returned no events`);
        if (i === 0) console.log(`  ${label}: first call ${fmt(ms)} (counts pending events, then cached)`);
        else times.push(ms);
        counts.push(page.events.length);
        sizes.push(
          result.content.reduce(
            (n, c) => n + (c.type === 'text' ? c.text.length : JSON.stringify(c).length),
            0,
          ),
        );
        cursor = page.cursor;
      }
      console.log(
        `  ${label}: median ${fmt(pct(times, 50))}, p99 ${fmt(pct(times, 99))} over ${POLLS} calls, ` +
          `${pct(counts, 50)} events and ${pct(sizes, 50).toLocaleString('en')} characters per call (target median < 20 ms)`,
      );
      report(`agent-poll-of-100k-${label.split(' ')[0]}-${args.detail ?? 'full'}`, {
        median_ms: pct(times, 50),
        p99_ms: pct(times, 99),
        events_per_call: pct(counts, 50),
        chars_per_call: pct(sizes, 50),
        calls: POLLS,
      });
    }
  } finally {
    await mcp.client.close();
  }
}

// --poll-only skips the wake-up part (about a minute of POSTs).
if (!process.argv.includes('--poll-only')) await wakeLatency();
await pollLargeInbox();
agent.destroy();
