import { createHash } from 'node:crypto';
import type { HeaderPair } from '../../shared/types';

/**
 * How long a byte-identical, identically signed request counts as a redelivery of the first one.
 * Senders that retry after a 5xx do so within hours (Shopify: 4 h, Standard Webhooks: ~17 h).
 */
export const REDELIVERY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Headers that carry a signature in every scheme Hookline knows (and most it does not). */
const SIGNATURE_HEADER = /signature|hmac/i;

/**
 * The fingerprint of a signed request: a hash of its body and its signature header values. A
 * sender retrying after a 500 sends the very same bytes with the very same signature, while a new
 * message (even with the same body) carries a new timestamp or id in what it signs. Unsigned requests
 * get none: identical pings or status bodies from an unsigned sender are separate events.
 */
export function redeliveryKey(headers: readonly HeaderPair[], body: Uint8Array): string | null {
  const signatures = headers.filter(([name]) => SIGNATURE_HEADER.test(name));
  if (signatures.length === 0) return null;
  const hash = createHash('sha256');
  for (const [name, value] of signatures) hash.update(`${name.toLowerCase()}:${value}\n`);
  hash.update(body);
  // 128 bits is plenty to tell redeliveries apart on one endpoint; shorter keys keep the index small.
  return hash.digest('base64url').slice(0, 22);
}
