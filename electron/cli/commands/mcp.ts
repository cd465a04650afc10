import { leaderServices } from '../../app/leader-services';
import { errorText } from '../../base/logger';
import { DEFAULT_RECEIVER_PORT } from '../../core/urls';
import { Leadership } from '../../leadership/leadership';
import type { ProcessRole } from '../../mcp/context';
import { startStdioServer } from '../../mcp/stdio';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags } from '../command';
import { openInbox } from '../open-inbox';
import { LIMITS_HELP, RECEIVER_FLAG_OPTIONS, RELAY_HELP, receiverFlags } from '../receiver-flags';

const HELP = `Usage: hookline mcp [--port N] [--tunnel localtunnel|ngrok|none] [--tunnel-host URL] [--subdomain S]
                    [--ngrok-domain D] [--public-url URL] [--max-body BYTES] [--keep N]
                    [--relay URL --relay-token T]

Runs the Hookline MCP server on stdio, for local agents (Claude Code, Claude Desktop, Cursor,
VS Code): register webhook URLs, wait for and read events, ack them. It shares the inbox in
$HOOKLINE_HOME with the app. If no Hookline holds the receiver port (default ${DEFAULT_RECEIVER_PORT}) it
receives itself (and starts the tunnel), so agents work with the app closed; otherwise it follows.
stdout carries only the protocol; logs go to stderr. It exits when stdin closes.
Print a client configuration with "hookline mcp-config <client>".
${LIMITS_HELP}
${RELAY_HELP}`;

function parseMcpFlags(args: string[]) {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      ...RECEIVER_FLAG_OPTIONS,
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`mcp takes no arguments, got "${positionals.join(' ')}"`);
  return receiverFlags(values);
}

async function mcp(args: string[], ctx: CliContext): Promise<number> {
  const flags = parseMcpFlags(args);
  // stdout is the protocol channel: anything a dependency prints with console.log must go to stderr.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const inbox = openInbox(ctx, true);
  const log = inbox.log;
  // Saved first, so whichever process leads (this one or another) mirrors it.
  if (flags.relay) inbox.mirror.saveConnection(flags.relay.url, flags.relay.token);
  let role: ProcessRole = { role: 'starting', error: null };
  const session = await startStdioServer({ inbox, role: () => role, receiverPort: flags.port });
  // Leading (receiver, tunnel) starts in the background: the agent can use the inbox at once,
  // and a slow tunnel never delays the MCP handshake.
  const corePromise = Leadership.start(inbox, {
    port: flags.port,
    strictPort: flags.portExplicit,
    maxBodyBytes: flags.maxBody,
    services: leaderServices(flags),
  })
    .then((core) => {
      role = { role: core.role, error: null };
      core.onRoleChange((r) => {
        role = { role: r, error: null };
      });
      log.info(
        `mcp: ${core.role === 'leader' ? `receiving on port ${core.port}` : `following the Hookline on port ${flags.port}`}`,
      );
      return core;
    })
    .catch((error: unknown) => {
      role = { role: 'detached', error: errorText(error) };
      log.warn(`mcp: not receiving: ${errorText(error)} (the inbox is still readable)`);
      return null;
    });
  await Promise.race([session.closed, ctx.stopSignal]);
  await session.close().catch((error: unknown) => log.warn('mcp: close failed', { error }));
  // A tunnel stuck starting must not keep the process alive after the client left.
  const core = await Promise.race([
    corePromise,
    new Promise<null>((r) => setTimeout(() => r(null), 3_000).unref()),
  ]);
  await core?.stop();
  inbox.close();
  return 0;
}

/** `hookline mcp`. */
export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'MCP server on stdio for local agents (shares the inbox; receives if nothing else does)',
  help: HELP,
  run: mcp,
};
