import { statfsSync } from 'node:fs';

// Below this much free space, an I/O error while writing is taken to be the full disk.
const LOW_SPACE_BYTES = 1024 * 1024;

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function nearlyFull(dir: string): boolean {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < LOW_SPACE_BYTES;
  } catch {
    return false;
  }
}

/**
 * The message for the user when `error` means the disk holding `dir` is full, else null. SQLite
 * reports a full disk as SQLITE_FULL, but often (WAL, shared memory) only as a "disk I/O error":
 * then the free space on that disk decides.
 */
export function diskFullMessage(error: unknown, dir: string): string | null {
  const code = errorCode(error);
  if (code === null) return null;
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
  const io = code.startsWith('SQLITE_IOERR') || code === 'EIO';
  if (!full && !(io && nearlyFull(dir))) return null;
  return `The disk holding ${dir} is full: free some space (or set HOOKLINE_HOME to a folder on another disk) and try again`;
}
