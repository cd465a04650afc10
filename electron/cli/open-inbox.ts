import { InboxError } from '../core/errors';
import { ensureHome, resolveHome } from '../core/home';
import { Inbox } from '../core/inbox';
import { diskFullMessage } from '../store/disk-full';
import type { CliContext } from './command';

/** Opens the shared inbox for a CLI command (watch: keep the change feed running, for tail/serve/mcp). */
export function openInbox(ctx: CliContext, watch = false): Inbox {
  const home = ensureHome(resolveHome(ctx.env));
  // Default: every commit survives a process crash (WAL, synchronous=NORMAL). HOOKLINE_DURABILITY=full also
  // fsyncs each group commit so events survive power loss, at a large cost in ingest rate (see bench/REPORT.md).
  const durability = ctx.env.HOOKLINE_DURABILITY === 'full' ? 'full' : 'normal';
  try {
    return new Inbox({ home, watch, durability });
  } catch (error) {
    const full = diskFullMessage(error, home);
    if (full) throw new InboxError('unavailable', full);
    throw error;
  }
}
