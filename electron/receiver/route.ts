/** A parsed receiver path: `/h/<endpointId>[/<rest>][?query]`, kept exactly as sent. */
export interface HookRoute {
  endpointId: string;
  /** The part after the endpoint id, starting with `/`, or empty. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
}

// Endpoint ids are base64url; anything else (dots, encoded slashes, traversal) cannot name an endpoint.
// Anchored at the end: `/h/<id>.json` or `/h/<id>%00` is not this endpoint (unanchored, the suffix
// was silently dropped and the request stored with an empty path).
const HOOK = /^\/h\/([A-Za-z0-9_-]{1,64})(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/s;

/** Splits the raw request target into route parts without normalizing anything. */
export function parseHookRoute(rawUrl: string): HookRoute | null {
  let target = rawUrl;
  // Absolute-form targets (`GET http://host/h/…`) are legal HTTP/1.1; keep only the path.
  if (!target.startsWith('/')) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(target);
    if (!m) return null;
    target = m[1] ?? '/';
  }
  const m = HOOK.exec(target);
  if (!m?.[1]) return null;
  return { endpointId: m[1], path: m[2] ?? '', query: m[3] ?? '' };
}

/** The path part of a raw target, for routing non-hook requests. */
export function pathOf(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  return q === -1 ? rawUrl : rawUrl.slice(0, q);
}
