import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file a running UI server advertises itself in, so the desktop shell can attach to it. */
export const UI_SESSION_FILE = 'ui-server.json';

/** What the session file holds. */
export interface UiSession {
  pid: number;
  url: string;
  port: number;
  token: string;
}

/** Writes the session file owner-only: it holds the token that unlocks the inbox. */
export function writeUiSession(home: string, session: UiSession): void {
  writeFileSync(join(home, UI_SESSION_FILE), `${JSON.stringify(session)}\n`, { mode: 0o600 });
}

/** Removes the session file if it still names this process (a newer server may have replaced it). */
export function removeUiSession(home: string, pid: number): void {
  const path = join(home, UI_SESSION_FILE);
  try {
    const current: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof current === 'object' && current !== null && (current as { pid?: unknown }).pid === pid) {
      rmSync(path, { force: true });
    }
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}
