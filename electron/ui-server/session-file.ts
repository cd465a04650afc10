import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../base/process-alive';

/** The file a running UI server advertises itself in, so the desktop shell can attach to it. */
export const UI_SESSION_FILE = 'ui-server.json';

/** What the session file holds. */
export interface UiSession {
  pid: number;
  url: string;
  port: number;
  token: string;
}

/** The session a regular file holds (never read through a symlink), or null when none or malformed. */
function readSession(path: string): UiSession | null {
  try {
    if (!lstatSync(path).isFile()) return null;
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { pid, url, port, token } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
    if (typeof url !== 'string' || typeof port !== 'number' || typeof token !== 'string') return null;
    return { pid, url, port, token };
  } catch {
    return null;
  }
}

/** The session of the UI a live process serves for this data directory (URL with token), or null. */
export function liveUiSession(home: string): UiSession | null {
  const session = readSession(join(home, UI_SESSION_FILE));
  return session && isProcessAlive(session.pid) ? session : null;
}

/**
 * Advertises this process's UI in the session file, unless another live process already does:
 * the first UI on a data directory stays the one the desktop shell, `status` and `open` find.
 * Written owner-only (it holds the token that unlocks the inbox) into a fresh temp file created
 * exclusively (O_EXCL never follows a symlink), then linked into place — which fails if anything,
 * a planted symlink included, is already there — or renamed over a stale session (rename replaces
 * the link itself, never its target). Returns whether this process now owns the session.
 */
export function writeUiSession(home: string, session: UiSession): boolean {
  const path = join(home, UI_SESSION_FILE);
  const temp = join(home, `.${UI_SESSION_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(session)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    try {
      linkSync(temp, path);
      return true;
    } catch {
      // EEXIST: something is there (checked below). Any other error: a file system without hard
      // links — the check below and rename still never write through a symlink.
    }
    const owner = readSession(path)?.pid ?? null;
    if (owner !== null && owner !== session.pid && isProcessAlive(owner)) return false;
    renameSync(temp, path);
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Removes the session file only if it names this process: a live leader's session is never touched. */
export function removeUiSession(home: string, pid: number): void {
  const path = join(home, UI_SESSION_FILE);
  if (readSession(path)?.pid === pid) rmSync(path, { force: true });
}
