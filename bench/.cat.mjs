import { mkdtempSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
const t = new StdioClientTransport({
  command: process.execPath,
  args: ['/work/wt-i13/dist/cli.js', 'mcp', '--port', '0', '--tunnel', 'none'],
  env: { ...process.env, HOOKLINE_HOME: mkdtempSync('/tmp/hlc-') },
  stderr: 'ignore',
});
const c = new Client({ name: 'x', version: '1' });
await c.connect(t);
const { tools } = await c.listTools();
for (const x of tools)
  console.log(
    x.name.padEnd(22),
    'desc',
    (x.description ?? '').length,
    'in',
    JSON.stringify(x.inputSchema).length,
    'out',
    JSON.stringify(x.outputSchema ?? {}).length,
    'ann',
    JSON.stringify(x.annotations).length,
  );
if (process.argv[2])
  console.log(
    JSON.stringify(
      tools.find((x) => x.name === process.argv[2]),
      null,
      1,
    ),
  );
await c.close();
