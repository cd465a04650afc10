/**
 * Webhook signature verification: detect a provider's scheme, verify (separating "signature
 * matches" from "fresh"), re-sign for replays, and read provider event ids and handshakes.
 * Pure functions: no I/O, and the clock is passed in as `now` (ms).
 */
import type { HeaderPair, ProviderName, VerifyOptions } from '../../shared/types';
import { forgetParsedBody } from './bytes';
import { upsertHeaders } from './headers';
import { SCHEMES, detectFrom, forgetDetection, resolveProvider, schemeByName } from './registry';
import type { SignableRequest } from './types';
import { normalizeRequest } from './verify';

export { providerEventInfo } from './event-info';
export { handshakeResponse } from './handshake';
export type { SignableRequest } from './types';
export { noSignatureVerdict, verifyRequest } from './verify';

/**
 * Ends a request's assessment: its parsed body and detected scheme, memoized so the checks made
 * about one request parse and detect once, are let go.
 */
export function forgetRequestMemos(): void {
  forgetParsedBody();
  forgetDetection();
}

/**
 * Auto-detects the scheme from headers (null when no known signature header). The optional body
 * only refines the GitHub-vs-Intercom choice for a bare `X-Hub-Signature`.
 */
export function detectScheme(headers: HeaderPair[], body?: Uint8Array): ProviderName | null {
  try {
    return detectFrom(normalizeRequest({ headers, body }).headers, body)?.name ?? null;
  } catch {
    return null;
  }
}

/** Re-signs: req.headers with the scheme's signature (and timestamp/id headers, from `now`) set. */
export function signRequest(
  req: SignableRequest,
  provider: Exclude<ProviderName, 'auto'>,
  secret: string,
  options: VerifyOptions,
  now: number,
): HeaderPair[] {
  const name = resolveProvider(provider);
  const scheme = name && name !== 'auto' ? schemeByName(name) : null;
  if (!scheme) {
    throw new Error(
      `Cannot sign for provider "${String(provider)}": choose a concrete scheme (auto can only detect)`,
    );
  }
  if (typeof secret !== 'string' || secret.length === 0)
    throw new Error(`Cannot sign for ${scheme.title}: the secret is empty`);
  if (!Number.isFinite(now))
    throw new Error(`Cannot sign for ${scheme.title}: the signing time is not a number`);
  const request = normalizeRequest(req);
  return upsertHeaders(
    request.headers,
    scheme.sign(request, secret, options ?? { toleranceSeconds: 300 }, now),
  );
}

/** Whether signRequest supports this scheme (every concrete scheme can sign). */
export function canSign(provider: ProviderName): boolean {
  const name = resolveProvider(provider);
  return name !== null && name !== 'auto' && schemeByName(name) !== null;
}

/** The headers a sender of this scheme signs with (for `auto`: every header that is looked for). */
export function verificationHeaders(provider: ProviderName): string[] {
  const name = resolveProvider(provider);
  if (name === null) return [];
  if (name === 'auto') return [...new Set(SCHEMES.flatMap((scheme) => scheme.headers))];
  return [...(schemeByName(name)?.headers ?? [])];
}
