/** The parts of the UI URL the shell works with. */
export interface UiLocation {
  /** The URL to load, token included. */
  url: string;
  /** `http://127.0.0.1:<port>`: the only origin the window may show. */
  origin: string;
  /** The per-run API token. */
  token: string;
}

/**
 * Parses a UI URL printed by the core or read from ui-server.json. Only http on loopback is
 * accepted: anything else would let a tampered file point the window at a remote page.
 */
export function parseUiUrl(url: string): UiLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:') return null;
  // The UI server binds 127.0.0.1 and answers only Host 127.0.0.1 or localhost.
  if (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') return null;
  const token = parsed.searchParams.get('token');
  if (!token) return null;
  return { url: parsed.href, origin: parsed.origin, token };
}

/** True when `url` is on exactly `origin` (scheme, host and port). */
export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The UI URL showing one event (`#/events/<id>`), keeping the token query. */
export function eventUrl(ui: UiLocation, eventId: string): string {
  const url = new URL(ui.url);
  url.hash = `#/events/${encodeURIComponent(eventId)}`;
  return url.href;
}
