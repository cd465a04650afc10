// Per-browser preferences (pane widths, replay targets): small, non-secret, safe to lose.
const PREFIX = 'hookline.';

/** Reads a stored preference; anything missing, unreadable or failing `check` gives `fallback`. */
export function readPref<T>(key: string, check: (v: unknown) => v is T, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return check(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Stores a preference (quota or privacy-mode failures only lose the preference). */
export function writePref(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Not worth telling anyone: the layout just starts from its defaults next time.
  }
}

/** A finite number. */
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A boolean. */
export function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
