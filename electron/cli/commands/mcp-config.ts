import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveHome } from '../../core/home';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';

const CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
type Client = (typeof CLIENTS)[number];

const HELP = `Usage: hookline mcp-config [claude-desktop|claude-code|cursor|vscode] [--json]

Prints the configuration that makes an MCP client start "hookline mcp" (absolute paths to node
and dist/cli.js, and HOOKLINE_HOME so the agent shares this inbox). The snippet goes to stdout,
where to put it goes to stderr. Without a client, prints all four.
  --json   one JSON object: {client, file, config} (or a list of them)`;

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
  client: Client,
  env: NodeJS.ProcessEnv,
): { client: Client; file: string; config: Record<string, unknown>; hint: string } {
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

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  if (positionals.length > 1)
    throw new UsageError(`mcp-config takes one client, got "${positionals.join(' ')}"`);
  const wanted = positionals[0];
  if (wanted !== undefined && !(CLIENTS as readonly string[]).includes(wanted)) {
    throw new UsageError(`Unknown client "${wanted}": use one of ${CLIENTS.join(', ')}`);
  }
  const configs = (wanted ? [wanted as Client] : [...CLIENTS]).map((c) => mcpConfig(c, ctx.env));
  if (values.json) {
    printJson(ctx, wanted ? configs[0] : configs);
    return 0;
  }
  for (const c of configs) {
    if (!wanted) ctx.out(`# ${c.client}: ${c.file}\n`);
    ctx.data(`${JSON.stringify(c.config, null, 2)}\n`);
    if (wanted) ctx.err(`Put this in ${c.file}. ${c.hint}\n`);
    else ctx.out('\n');
  }
  return 0;
}

/** `hookline mcp-config`. */
export const mcpConfigCommand: Command = {
  name: 'mcp-config',
  summary: 'print the config that lets Claude, Cursor or VS Code start "hookline mcp"',
  help: HELP,
  run,
};
