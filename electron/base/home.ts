import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The data directory: HOOKLINE_HOME, else the per-user app-data folder for "Hookline" —
 * the same folder Electron's app.getPath('userData') resolves to, so the app and the CLI share one inbox.
 */
export function resolveHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.HOOKLINE_HOME) return resolve(env.HOOKLINE_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Hookline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hookline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Hookline');
}
