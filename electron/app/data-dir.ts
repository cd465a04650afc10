import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { InboxError } from '../core/errors';

/**
 * Creates the data directory (owner-only) if needed and returns it. An existing one with loose
 * modes is tightened to 0700; one owned by another user is refused, since whoever owns it could
 * read the secrets or plant files (a symlinked session file) for us to write through.
 */
export function ensureHome(home: string): string {
  // 0700: the inbox holds webhook secrets and payloads.
  mkdirSync(home, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return home;
  const stat = statSync(home);
  if (!stat.isDirectory()) throw new InboxError('invalid', `The data directory ${home} is not a directory`);
  if (stat.uid !== process.getuid())
    throw new InboxError(
      'invalid',
      `The data directory ${home} belongs to another user (uid ${stat.uid}): use your own (set HOOKLINE_HOME) or change its owner`,
    );
  if ((stat.mode & 0o077) !== 0) chmodSync(home, 0o700);
  return home;
}
