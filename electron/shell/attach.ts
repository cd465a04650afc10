import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callUiApi } from './ui-client';
import { type UiLocation, parseUiUrl } from './ui-url';

/** The file a running UI server writes into the data directory. */
export const UI_SERVER_FILE = 'ui-server.json';

/** Contents of ui-server.json, checked. */
export interface UiServerRecord {
  pid: number;
  ui: UiLocation;
}

/** Reads `<home>/ui-server.json`; null when missing, unreadable or malformed. */
export function readUiServerRecord(home: string): UiServerRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(home, UI_SERVER_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { pid, url, token } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  if (typeof url !== 'string' || typeof token !== 'string') return null;
  const ui = parseUiUrl(url);
  // The token in the URL must be the recorded one, or the file is stale or tampered with.
  if (!ui || ui.token !== token) return null;
  return { pid, ui };
}

/** What {@link findAttachableCore} needs from the world. */
export interface AttachDeps {
  isAlive: (pid: number) => boolean;
  /** True when the UI server answers an authenticated call. */
  answers: (ui: UiLocation) => Promise<boolean>;
}

/** Probes a UI server with an authenticated `status.get` (so a stranger on the port doesn't count). */
export async function uiServerAnswers(ui: UiLocation): Promise<boolean> {
  try {
    await callUiApi(ui, 'status.get', {}, 2000);
    return true;
  } catch {
    return false;
  }
}

/**
 * The UI of a core already serving this data directory, or null to spawn one. Attaching rather
 * than spawning keeps one UI server per inbox when `hookline serve` is already running.
 */
export async function findAttachableCore(home: string, deps: AttachDeps): Promise<UiLocation | null> {
  const record = readUiServerRecord(home);
  if (!record || !deps.isAlive(record.pid)) return null;
  return (await deps.answers(record.ui)) ? record.ui : null;
}
