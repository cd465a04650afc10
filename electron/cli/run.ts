import { diskFullMessage } from '../base/disk-full';
import { resolveHome } from '../base/home';
import { VERSION } from '../base/version';
import { InboxError } from '../core/errors';
import { terminalText } from '../core/terminal-text';
import { type CliContext, type Command, UsageError } from './command';
import { chaosCommand } from './commands/chaos';
import { diffCommand } from './commands/diff';
import { endpointsCommand } from './commands/endpoints';
import { eventsCommand } from './commands/events';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { mcpCommand } from './commands/mcp';
import { mcpConfigCommand } from './commands/mcp-config';
import { openCommand } from './commands/open';
import { relayCommand } from './commands/relay';
import { replayCommand } from './commands/replay';
import { schemaCommand } from './commands/schema';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';
import { triggerCommand } from './commands/trigger';
import { verifyCommand } from './commands/verify';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  serveCommand,
  statusCommand,
  openCommand,
  endpointsCommand,
  eventsCommand,
  replayCommand,
  triggerCommand,
  diffCommand,
  chaosCommand,
  schemaCommand,
  exportCommand,
  importCommand,
  verifyCommand,
  mcpCommand,
  mcpConfigCommand,
  relayCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Hookline ${VERSION} — webhook inspector and agent inbox`,
    '',
    'Usage: hookline <command> [options]   (every command takes --help and --json)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Data directory: $HOOKLINE_HOME, else the per-user app-data folder "Hookline".',
  ].join('\n');
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], given: CliContext): Promise<number> {
  // Every human-readable line goes through one filter, so no command can forget it.
  const ctx: CliContext = {
    ...given,
    out: (text) => given.out(terminalText(text)),
    err: (text) => given.err(terminalText(text)),
  };
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(`${overview()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    ctx.out(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.err(`Unknown command "${name}".\n\n${overview()}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    ctx.out(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`hookline ${name}: ${error.message}\nRun "hookline ${name} --help" for usage.\n`);
      return 2;
    }
    if (error instanceof InboxError) {
      ctx.err(`hookline ${name}: ${error.message}\n`);
      return 1;
    }
    // A full disk can surface anywhere (the database, a session file): say so, without a stack.
    const full = diskFullMessage(error, resolveHome(ctx.env));
    if (full) {
      ctx.err(`hookline ${name}: ${full}\n`);
      return 1;
    }
    ctx.err(
      `hookline ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
