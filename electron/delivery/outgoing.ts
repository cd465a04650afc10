import type { HeaderPair } from '../../shared/types';
import { InboxError } from '../core/errors';

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1): a proxy must not pass
 * them on. Content-Length is recomputed for the body actually sent.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
]);

// Node (and HTTP/1.1 practice) sends no body framing for these unless told; others need a length.
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/** True for connection-level headers a forwarder drops. */
export function isHopByHop(name: string): boolean {
  const lower = name.toLowerCase();
  return HOP_BY_HOP.has(lower) || lower.startsWith('proxy-');
}

/**
 * Headers to send to `url`: hop-by-hop headers dropped; Host set for the target (in place, else first);
 * Content-Length set to the body's length (in place, else last) whenever there is a body to frame.
 */
export function headersForTarget(
  headers: HeaderPair[],
  url: string,
  body: Uint8Array,
  method: string,
): HeaderPair[] {
  const host = new URL(url).host;
  const out: HeaderPair[] = [];
  let hostSet = false;
  let lengthSet = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (isHopByHop(lower)) continue;
    if (lower === 'host') {
      if (!hostSet) out.push([name, host]);
      hostSet = true;
      continue;
    }
    if (lower === 'content-length') {
      if (!lengthSet) out.push([name, String(body.byteLength)]);
      lengthSet = true;
      continue;
    }
    out.push([name, value]);
  }
  if (!hostSet) out.unshift(['Host', host]);
  if (!lengthSet && (body.byteLength > 0 || !BODYLESS_METHODS.has(method.toUpperCase())))
    out.push(['Content-Length', String(body.byteLength)]);
  return out;
}

/**
 * The URL to send an event to: the target URL with the received path appended (or the edited
 * path-and-query) and the queries of both joined — the way `stripe listen --forward-to` and smee
 * map a sub-path onto the local app.
 */
export function targetUrl(base: string, path: string, query: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new InboxError(
      'invalid',
      `Invalid target URL "${base}": give one like http://localhost:3000/webhooks`,
      { field: 'targetUrl' },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InboxError('invalid', `Invalid target URL "${base}": only http:// and https:// are supported`, {
      field: 'targetUrl',
    });
  const basePath = url.pathname.replace(/\/+$/, '');
  const suffix = path && !path.startsWith('/') ? `/${path}` : path;
  const joinedPath = `${basePath}${suffix}` || '/';
  const baseQuery = url.search.replace(/^\?/, '');
  const joinedQuery = [baseQuery, query].filter((q) => q.length > 0).join('&');
  // Built as a string, not through URL setters, so the path and query bytes are sent as received.
  return `${url.protocol}//${url.host}${joinedPath}${joinedQuery ? `?${joinedQuery}` : ''}`;
}

/** Splits an edited `/path?query` into its parts. */
export function splitPathQuery(pathAndQuery: string): { path: string; query: string } {
  const q = pathAndQuery.indexOf('?');
  return q === -1
    ? { path: pathAndQuery, query: '' }
    : { path: pathAndQuery.slice(0, q), query: pathAndQuery.slice(q + 1) };
}
