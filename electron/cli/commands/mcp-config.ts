import { MCP_CLIENTS, type McpClient, mcpConfig } from '../../mcp/mcp-config';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';

const HELP = `Usage: hookline mcp-config [claude-desktop|claude-code|cursor|vscode] [--json]

Prints the configuration that makes an MCP client start "hookline mcp" (absolute paths to node
and dist/cli.js, and HOOKLINE_HOME so the agent shares this inbox). The snippet goes to stdout,
where to put it goes to stderr. Without a client, prints all four.
  --json   one JSON object: {client, file, config} (or a list of them)`;

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  if (positionals.length > 1)
    throw new UsageError(`mcp-config takes one client, got "${positionals.join(' ')}"`);
  const wanted = positionals[0];
  if (wanted !== undefined && !(MCP_CLIENTS as readonly string[]).includes(wanted)) {
    throw new UsageError(`Unknown client "${wanted}": use one of ${MCP_CLIENTS.join(', ')}`);
  }
  const configs = (wanted ? [wanted as McpClient] : [...MCP_CLIENTS]).map((c) => mcpConfig(c, ctx.env));
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
