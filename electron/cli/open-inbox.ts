import { ensureHome } from '../app/data-dir';
import { openLocalInbox } from '../app/open-inbox';
import { diskFullMessage } from '../base/disk-full';
import { resolveHome } from '../base/home';
import { type Logger, createLogger, isLogLevel } from '../base/logger';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import type { CliContext } from './command';

/** The logger of a CLI command: its stderr, JSON lines with `--json`, the level from HOOKLINE_LOG. */
export function cliLogger(ctx: CliContext, json: boolean): Logger {
  const level = ctx.env.HOOKLINE_LOG;
  return createLogger({ json, level: isLogLevel(level) ? level : 'info', write: (line) => ctx.err(line) });
}

/**
 * Opens the shared inbox for a CLI command (watch: keep the change feed running, for tail/serve/mcp).
 * Its logger writes to the command's stderr — JSON lines when the command runs with `--json`.
 */
export function openInbox(ctx: CliContext, watch = false, json = false): Inbox {
  const home = ensureHome(resolveHome(ctx.env));
  // Default: every commit survives a process crash (WAL, synchronous=NORMAL). HOOKLINE_DURABILITY=full also
  // fsyncs each group commit so events survive power loss, at a large cost in ingest rate (see bench/REPORT.md).
  const durability = ctx.env.HOOKLINE_DURABILITY === 'full' ? 'full' : 'normal';
  const log = cliLogger(ctx, json);
  // HOOKLINE_SEARCH_BYTES: decoded bytes of each body that search reads (default 1 MiB).
  const searchBytes = Number(ctx.env.HOOKLINE_SEARCH_BYTES);
  try {
    return openLocalInbox({
      home,
      watch,
      durability,
      log,
      searchBytes: Number.isInteger(searchBytes) && searchBytes > 0 ? searchBytes : undefined,
    });
  } catch (error) {
    const full = diskFullMessage(error, home);
    if (full) throw new InboxError('unavailable', full);
    throw error;
  }
}
