import { createHash, randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import type { SettingsPort } from './ports';

const SALT_KEY = 'install.salt';

/**
 * An opaque identity of an inbox, for `/healthz` (public through the tunnel): processes on the same
 * data directory get the same value; it reveals neither the path (nor the user name in it) nor a
 * pid. A per-install random salt stops anyone confirming a guessed path.
 */
export function dataDirId(settings: SettingsPort, home: string): string {
  // Claimed once per inbox: two processes starting together still agree on one salt.
  settings.claim(
    SALT_KEY,
    randomBytes(16).toString('hex'),
    'runtime.changed',
    (current) => typeof current !== 'string',
  );
  const salt = String(settings.get(SALT_KEY));
  let path = home;
  try {
    path = realpathSync(home);
  } catch {
    // A vanished folder keeps its given path: the salt alone still tells inboxes apart.
  }
  return createHash('sha256').update(`${salt}\0${path}`).digest('base64url').slice(0, 22);
}
