import { isSameOrigin } from './ui-url';

/**
 * Content-Security-Policy for the UI origin. Stops injected script (e.g. from a webhook payload
 * rendered by mistake) from running or exfiltrating: only the UI's own scripts and API.
 */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds {@link UI_CSP} to a response's headers, replacing any CSP the server sent (any casing). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [UI_CSP];
  return out;
}

/**
 * Whether the window may navigate (or be redirected) to `url`. Stops a link or redirect in
 * rendered content from replacing the trusted UI with a remote page that would inherit the window.
 */
export function mayNavigate(url: string, uiOrigin: string): boolean {
  return isSameOrigin(url, uiOrigin);
}

/** What to do with a `window.open` / `target=_blank` request. */
export type WindowOpenDecision = { action: 'deny'; openExternal: string | null };

/**
 * New windows are always denied: a second window would escape the navigation guard. http(s)
 * links go to the system browser instead; other schemes (file:, javascript:, custom protocol
 * handlers) are dropped, since handing them to the OS can launch programs.
 */
export function windowOpenDecision(url: string): WindowOpenDecision {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') return { action: 'deny', openExternal: url };
  } catch {
    // Unparseable: deny without opening anything.
  }
  return { action: 'deny', openExternal: null };
}

/** The hardened `webPreferences` for the UI window; `preload` is the bundled preload.cjs. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    // Page scripts and the preload live in separate JS worlds, so the page can't reach into the
    // preload's privileged objects (prototype pollution, monkey-patching).
    contextIsolation: true,
    // The renderer runs in Chromium's OS sandbox: a renderer exploit can't touch the filesystem.
    sandbox: true,
    // No Node in the page: a XSS must not become code execution.
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/**
 * Whether the page may use a permission. Everything is denied (camera, geolocation, notifications,
 * USB, …: a UI for webhooks needs none, and a compromised page must not get them) except writing
 * the clipboard from the UI itself, which the "copy as cURL" buttons rely on.
 */
export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  uiOrigin: string | null,
): boolean {
  if (uiOrigin === null || !isSameOrigin(requestingUrl, uiOrigin)) return false;
  return permission === 'clipboard-sanitized-write';
}
