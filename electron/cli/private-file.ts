import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a file only its owner can read (0600 whatever the umask): exports hold payloads and
 * signature headers, which are nobody else's business on a shared machine.
 */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    // The mode above only applies when the file is new; an existing one is tightened too.
    fchmodSync(fd, 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
  } finally {
    closeSync(fd);
  }
}
