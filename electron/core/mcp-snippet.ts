/**
 * Ready-to-paste MCP client configurations for `hookline mcp`, written in one place so the UI's
 * Agents panel and `hookline mcp-config <client>` always print the same thing.
 */

/** MCP clients we know how to configure. */
export const MCP_CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;

/** One of {@link MCP_CLIENTS}. */
export type McpClient = (typeof MCP_CLIENTS)[number];

/** How to start the MCP server: absolute paths, so clients need no PATH setup. */
export interface McpLaunch {
  /** The Node (or Electron-as-Node) binary, e.g. process.execPath. */
  nodePath: string;
  /** The built CLI, e.g. dist/cli.js. */
  cliPath: string;
  /** The data directory the agent should share with the app. */
  home: string;
  /** Extra environment (ELECTRON_RUN_AS_NODE=1 for a packaged app). */
  env?: Record<string, string>;
}

/** A snippet for one client. */
export interface McpSnippet {
  client: McpClient;
  title: string;
  /** Where the snippet goes, for people. */
  where: string;
  text: string;
}

const SERVER_NAME = 'hookline';

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The MCP snippet for one client. */
export function mcpSnippet(client: McpClient, launch: McpLaunch): McpSnippet {
  const env = { HOOKLINE_HOME: launch.home, ...launch.env };
  const server = { command: launch.nodePath, args: [launch.cliPath, 'mcp'], env };
  switch (client) {
    case 'claude-desktop':
      return {
        client,
        title: 'Claude Desktop',
        where: 'claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude',
        text: JSON.stringify({ mcpServers: { [SERVER_NAME]: server } }, null, 2),
      };
    case 'claude-code': {
      const envFlags = Object.entries(env).map(([k, v]) => `--env ${shellQuote(`${k}=${v}`)}`);
      const cmd = [launch.nodePath, launch.cliPath, 'mcp'].map(shellQuote);
      return {
        client,
        title: 'Claude Code',
        where: 'run in a terminal',
        text: ['claude mcp add', SERVER_NAME, ...envFlags, '--', ...cmd].join(' '),
      };
    }
    case 'cursor':
      return {
        client,
        title: 'Cursor',
        where: '~/.cursor/mcp.json (or .cursor/mcp.json in a project)',
        text: JSON.stringify({ mcpServers: { [SERVER_NAME]: server } }, null, 2),
      };
    case 'vscode':
      return {
        client,
        title: 'VS Code',
        where: '.vscode/mcp.json in your workspace',
        text: JSON.stringify({ servers: { [SERVER_NAME]: { type: 'stdio', ...server } } }, null, 2),
      };
  }
}

/** Snippets for every known client. */
export function mcpSnippets(launch: McpLaunch): McpSnippet[] {
  return MCP_CLIENTS.map((client) => mcpSnippet(client, launch));
}
