/**
 * The URL a sender signed (Twilio, Square). The signature covers the exact URL string configured
 * at the provider, which often differs from what reached us (https terminated by a tunnel, a port,
 * a trailing slash). Variants are computed on the raw string, never through `new URL()`, which
 * would re-encode characters the sender signed verbatim.
 */
import type { VerifyOptions } from '../../shared/types';
import type { SignableRequest } from './types';

interface UrlParts {
  scheme: string;
  authority: string;
  host: string;
  /** ':<port>' or ''. */
  port: string;
  path: string;
  /** '?<query>' or ''. */
  query: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: ':80', https: ':443' };

/** Splits an absolute http(s) URL without normalizing it; null for anything else. */
export function splitUrl(url: string): UrlParts | null {
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/i.exec(url.trim());
  if (!match) return null;
  const [, scheme = '', authority = '', path = '', query = ''] = match;
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  // A colon starts the port only after an IPv6 literal's closing bracket.
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  if (hostAndPort.length === 0) return null;
  return {
    scheme: scheme.toLowerCase(),
    authority: authority.slice(0, authority.lastIndexOf('@') + 1),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? '' : hostAndPort.slice(colon),
    path,
    query,
  };
}

function joinUrl(p: UrlParts): string {
  return `${p.scheme}://${p.authority}${p.host}${p.port}${p.path}${p.query}`;
}

/** The URL with its default port removed and added (Twilio's SDK accepts both forms). */
export function portForms(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [url];
  const defaultPort = DEFAULT_PORTS[parts.scheme] ?? '';
  const forms = [url];
  if (parts.port === defaultPort) forms.push(joinUrl({ ...parts, port: '' }));
  if (parts.port === '') forms.push(joinUrl({ ...parts, port: defaultPort }));
  return forms;
}

/** Plausible wrong guesses of the signed URL: other scheme, trailing slash, port kept/dropped. */
export function urlGuesses(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [];
  const guesses = new Set<string>();
  const togglePath = parts.path.endsWith('/') ? parts.path.slice(0, -1) : `${parts.path}/`;
  for (const scheme of ['https', 'http']) {
    for (const port of new Set([parts.port, '', DEFAULT_PORTS[scheme] ?? ''])) {
      for (const path of [parts.path, togglePath]) guesses.add(joinUrl({ ...parts, scheme, port, path }));
    }
  }
  guesses.delete(url);
  return [...guesses];
}

/** One URL to try, and whether a match there is authoritative or just a hint. */
export interface UrlCandidate {
  url: string;
  acceptable: boolean;
}

/**
 * URLs to check: options.publicUrl (the URL configured at the provider) first when set, then the
 * URL the request reached; both are legitimate. Guesses follow as hint-only candidates.
 * Returns a reason string when no absolute URL is known.
 */
export function urlCandidates(
  req: SignableRequest,
  options: VerifyOptions,
  acceptPortForms: boolean,
): UrlCandidate[] | string {
  const known = [options?.publicUrl, req.url].filter(
    (url): url is string => typeof url === 'string' && splitUrl(url) !== null,
  );
  const first = known[0];
  if (!first) {
    return `the URL the sender signed is unknown (got "${String(req.url).slice(0, 100)}"); set the endpoint's public URL`;
  }
  const accepted = new Set(known.flatMap((url) => (acceptPortForms ? portForms(url.trim()) : [url.trim()])));
  const guesses = urlGuesses(first.trim()).filter((url) => !accepted.has(url));
  return [
    ...[...accepted].map((url) => ({ url, acceptable: true })),
    ...guesses.map((url) => ({ url, acceptable: false })),
  ];
}

/**
 * The URL to sign when re-signing: the request's own URL, since that is where it will be sent and
 * what the receiving app checks; options.publicUrl only when the request URL is not absolute.
 */
export function signingUrl(req: SignableRequest, options: VerifyOptions): string | null {
  for (const url of [req.url, options?.publicUrl]) {
    if (typeof url === 'string' && splitUrl(url)) return url.trim();
  }
  return null;
}
