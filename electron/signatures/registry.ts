/**
 * The schemes, in detection order: providers with a header of their own first, then the
 * ambiguous X-Hub-Signature pair (GitHub/Intercom, see schemes/hub-signature.ts), then generic.
 */
import type { HeaderPair, ProviderName, VerifyOptions } from '../../shared/types';
import { parseProviderName } from '../../shared/types';
import { hasHeader } from './headers';
import { generic } from './schemes/generic';
import { github } from './schemes/github';
import { intercom } from './schemes/intercom';
import { linear } from './schemes/linear';
import { paddle } from './schemes/paddle';
import { shopify } from './schemes/shopify';
import { slack } from './schemes/slack';
import { square } from './schemes/square';
import { standardWebhooks } from './schemes/standard-webhooks';
import { stripe } from './schemes/stripe';
import { twilio } from './schemes/twilio';
import { zoom } from './schemes/zoom';
import type { Scheme, SchemeName } from './types';

/** Every scheme, in detection order. */
export const SCHEMES: readonly Scheme[] = [
  stripe,
  standardWebhooks,
  slack,
  shopify,
  twilio,
  paddle,
  linear,
  square,
  zoom,
  github,
  intercom,
  generic,
];

const BY_NAME = new Map<string, Scheme>(SCHEMES.map((scheme) => [scheme.name, scheme]));

/** Resolves a provider name (aliases and any casing accepted at runtime); null when unknown. */
export function resolveProvider(provider: unknown): ProviderName | null {
  return typeof provider === 'string' ? parseProviderName(provider) : null;
}

/** The scheme for a concrete provider name. */
export function schemeByName(name: SchemeName): Scheme | null {
  return BY_NAME.get(name) ?? null;
}

/** The scheme whose signature headers are present; an endpoint's own generic header wins. */
export function detectFrom(headers: HeaderPair[], body?: Uint8Array, options?: VerifyOptions): Scheme | null {
  const customHeader = options?.generic?.header;
  if (typeof customHeader === 'string' && customHeader && hasHeader(headers, customHeader)) return generic;
  // Verification, event info and the handshakes each ask about the same request: detect it once.
  if (memo && memo.headers === headers && memo.length === headers.length && memo.body === body)
    return memo.scheme;
  const scheme = SCHEMES.find((s) => s.detect(headers, body)) ?? null;
  memo = { headers, length: headers.length, body, scheme };
  return scheme;
}

// The last detection, with the header list (and its length: a list grown in place is asked anew) and
// the body it was made for (a scheme may look at it). One slot, emptied after each assessed request
// by forgetDetection: a WeakMap kept every request's headers and body alive until a full GC.
let memo: {
  headers: HeaderPair[];
  length: number;
  body: Uint8Array | undefined;
  scheme: Scheme | null;
} | null = null;

/** Empties the detection memo (see detectFrom). */
export function forgetDetection(): void {
  memo = null;
}
