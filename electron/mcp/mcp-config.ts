import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveHome } from '../base/home';

/** The MCP clients Hookline writes a config snippet for. */
export const MCP_CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
/** One of {@link MCP_CLIENTS}. */
export type McpClient = (typeof MCP_CLIENTS)[number];

/** The command an MCP client runs: this node binary, this build's cli.js, this data directory. */
function launch(env: NodeJS.ProcessEnv) {
  const script = process.argv[1] ? realpathSync(resolve(process.argv[1])) : resolve('dist/cli.js');
  return { command: process.execPath, args: [script, 'mcp'], env: { HOOKLINE_HOME: resolveHome(env) } };
}

function claudeDesktopFile(): string {
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (process.platform === 'win32')
    return join(
      process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'),
      'Claude',
      'claude_desktop_config.json',
    );
  return join(homedir(), '.config', 'Claude', 'claude_desktop_config.json');
}

/** The config file and the snippet for one client. */
export function mcpConfig(
  client: McpClient,
  env: NodeJS.ProcessEnv,
): { client: McpClient; file: string; config: Record<string, unknown>; hint: string } {
  const server = launch(env);
  switch (client) {
    case 'claude-desktop':
      return {
        client,
        file: claudeDesktopFile(),
        config: { mcpServers: { hookline: server } },
        hint: 'Merge into mcpServers, then restart Claude Desktop.',
      };
    case 'claude-code':
      return {
        client,
        file: '.mcp.json (in your project), or run: claude mcp add-json hookline \'<the "hookline" object>\'',
        config: { mcpServers: { hookline: { type: 'stdio', ...server } } },
        hint: 'Merge into mcpServers; Claude Code asks to approve project servers on first use.',
      };
    case 'cursor':
      return {
        client,
        file: join(homedir(), '.cursor', 'mcp.json'),
        config: { mcpServers: { hookline: server } },
        hint: 'Merge into mcpServers (or use .cursor/mcp.json in a project).',
      };
    case 'vscode':
      return {
        client,
        file: '.vscode/mcp.json (in your workspace)',
        config: { servers: { hookline: { type: 'stdio', ...server } } },
        hint: 'Merge into servers, then start it from the MCP view.',
      };
  }
}
