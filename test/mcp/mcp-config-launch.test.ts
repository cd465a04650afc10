import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

interface Launch {
  type?: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}
interface ConfigOut {
  file: string;
  config: { mcpServers?: { hookline: Launch }; servers?: { hookline: Launch } };
}

/** Where each client reads its servers (checked against each client's current docs). */
const FORMATS = {
  'claude-desktop': { key: 'mcpServers', type: undefined, file: /claude_desktop_config\.json$/ },
  'claude-code': { key: 'mcpServers', type: 'stdio', file: /\.mcp\.json/ },
  cursor: { key: 'mcpServers', type: undefined, file: /\.cursor[/\\]mcp\.json$/ },
  vscode: { key: 'servers', type: 'stdio', file: /\.vscode[/\\]mcp\.json/ },
} as const;

describe('hookline mcp-config', () => {
  it('prints, for every client, a snippet in its format that starts a working Hookline MCP server', async () => {
    const home = tempHome();
    for (const [client, format] of Object.entries(FORMATS)) {
      const out = runCliJson<ConfigOut>(home, ['mcp-config', client, '--json']);
      expect(out.file, client).toMatch(format.file);
      const launch = out.config[format.key]?.hookline;
      expect(launch, client).toBeDefined();
      if (!launch) continue;
      expect(launch.type, client).toBe(format.type);
      // Launch it exactly as the client would (with --port 0 so no receiver port is taken).
      const transport = new StdioClientTransport({
        command: launch.command,
        args: [...launch.args, '--port', '0', '--tunnel', 'none'],
        env: { PATH: process.env.PATH ?? '', ...launch.env },
        stderr: 'ignore',
      });
      const mcp = new Client({ name: client, version: '1' });
      await mcp.connect(transport);
      try {
        const { tools } = await mcp.listTools();
        expect(
          tools.map((t) => t.name),
          client,
        ).toContain('register_webhook');
      } finally {
        await mcp.close();
      }
    }
  });
});
