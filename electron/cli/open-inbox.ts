import { defaultVerifier } from '../core/default-verifier';
import { ensureHome, resolveHome } from '../core/home';
import { Inbox } from '../core/inbox';
import type { CliContext } from './command';

/** Opens the shared inbox for a CLI command (watch: keep the change feed running, for tail/serve/mcp). */
export function openInbox(ctx: CliContext, watch = false): Inbox {
  const home = ensureHome(resolveHome(ctx.env));
  return new Inbox({ home, watch, verifier: defaultVerifier });
}
