// Agent result sizes: the tool catalogue (tools/list) and a default poll_events of twenty 12 KB
// JSON events, in characters of JSON/text an agent reads. Run `npm run build` first. Prints figures.
import http from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, freePort, report, tempHome } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function post(url, body) {
  return new Promise((done, fail) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** A JSON body of about 12 KB shaped like a real notification (an order with line items). */
function order(n) {
  const items = Array.from({ length: 115 }, (_, i) => ({
    sku: `SKU-${n}-${i}`,
    name: `Item number ${i} of order ${n}`,
    qty: (i % 4) + 1,
    price_cents: 1000 + i * 7,
    tags: ['gift', 'express'],
  }));
  return JSON.stringify({
    id: `ord_${n}`,
    type: 'order.created',
    created: 1_700_000_000 + n,
    data: { items },
  });
}

const textLength = (result) =>
  result.content.reduce((sum, c) => sum + (c.type === 'text' ? c.text.length : JSON.stringify(c).length), 0);

const home = tempHome();
const port = await freePort();
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [CLI, 'mcp', '--port', String(port), '--tunnel', 'none'],
  env: { ...process.env, HOOKLINE_HOME: home },
  stderr: 'ignore',
});
const client = new Client({ name: 'bench', version: '1' });
await client.connect(transport);
try {
  const { tools } = await client.listTools();
  const catalogue = JSON.stringify({ tools }).length;
  const outputSchemas = tools.reduce(
    (s, t) => s + (t.outputSchema ? JSON.stringify(t.outputSchema).length : 0),
    0,
  );
  console.log(
    `tools/list: ${tools.length} tools, ${catalogue.toLocaleString('en')} characters (output schemas ${outputSchemas.toLocaleString('en')}; target < 15,000)`,
  );

  const hook = (
    await client.callTool({ name: 'register_webhook', arguments: { label: 'budget', secret: null } })
  ).structuredContent;
  for (let i = 0; i < 50; i++) {
    const status = (await client.callTool({ name: 'get_inbox_status', arguments: {} })).structuredContent;
    if (status.receiver.leader_pid !== null) break;
    await sleep(100);
  }
  const size = Buffer.byteLength(order(0));
  for (let i = 0; i < 20; i++) await post(hook.url, order(i));
  const poll = await client.callTool({ name: 'poll_events', arguments: {} });
  const page = poll.structuredContent;
  console.log(
    `default poll_events of 20 × ${(size / 1024).toFixed(1)} KB JSON events: ${textLength(poll).toLocaleString('en')} characters, ` +
      `${page.events.length} events, has_more ${page.has_more} (budget 16,000)`,
  );
  report('agent-result-sizes', {
    tools_list_chars: catalogue,
    output_schema_chars: outputSchemas,
    default_poll_chars: textLength(poll),
    default_poll_events: page.events.length,
  });
} finally {
  await client.close();
}
