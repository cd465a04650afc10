/**
 * Standard Webhooks (also Svix, Clerk, Resend, …): `webhook-id`, `webhook-timestamp` (unix s) and
 * `webhook-signature: v1,<base64> [v1,<base64>…]` (space-separated during key rotation), each the
 * base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the base64-decoded part of `whsec_…`.
 * Svix's own SDK sends the same headers prefixed `svix-` instead of `webhook-`. Asymmetric senders
 * sign `v1a,<base64>` with ed25519 instead (see ../ed25519.ts), verified with a `whpk_` public key.
 */
import type { HeaderPair } from '../../../shared/types';
import { concatBytes, hmac, sha256Hex, toBase64 } from '../bytes';
import { ed25519PublicKey, ed25519Sign, ed25519Verify, isAsymmetricKey } from '../ed25519';
import { parseUnixSeconds } from '../freshness';
import { firstHeader, hasHeader, headerValues } from '../headers';
import { standardWebhooksAlternateKeys, standardWebhooksKey } from '../keys';
import { readSignature } from '../signature-values';
import type { ParseOutcome, ReceivedSignature, Scheme, SignedInput } from '../types';

const PREFIXES = ['webhook', 'svix'] as const;

/** Which signatures a request carries: symmetric `v1` (HMAC) or asymmetric `v1a` (ed25519). */
type Version = 'v1' | 'v1a';

/** Reads one header family (`webhook-*` or `svix-*`); null when its signature header is absent. */
function readFamily(
  headers: HeaderPair[],
  body: Uint8Array,
  prefix: string,
  version: Version,
): ParseOutcome | SignedInput | null {
  const signatureHeader = `${prefix}-signature`;
  const values = headerValues(headers, signatureHeader).filter(Boolean);
  if (values.length === 0) return null;
  const id = firstHeader(headers, `${prefix}-id`);
  const timestamp = firstHeader(headers, `${prefix}-timestamp`);
  const missing = [id ? null : `${prefix}-id`, timestamp ? null : `${prefix}-timestamp`].filter(Boolean);
  if (!id || !timestamp) {
    return {
      kind: 'malformed',
      header: signatureHeader,
      received: values,
      reason: `${signatureHeader} is present but ${missing.join(' and ')} is missing, so the signed content cannot be rebuilt`,
    };
  }
  const signedAt = parseUnixSeconds(timestamp);
  if (signedAt === null) {
    return {
      kind: 'malformed',
      header: `${prefix}-timestamp`,
      received: values,
      reason: `${prefix}-timestamp "${timestamp.slice(0, 40)}" is not a Unix timestamp in seconds`,
    };
  }
  const received: ReceivedSignature[] = [];
  for (const entry of values.flatMap((value) => value.split(/\s+/)).filter(Boolean)) {
    // Other versions are skipped, as the spec requires.
    if (entry.startsWith(`${version},`))
      received.push(readSignature(entry, 'base64', `${version},`, signatureHeader));
  }
  if (received.length === 0) {
    return {
      kind: 'malformed',
      header: signatureHeader,
      received: values,
      reason: `${signatureHeader} has no v1,<base64> (HMAC) or v1a,<base64> (ed25519) signature`,
    };
  }
  const prefixText = `${id}.${timestamp}.`;
  return {
    content: concatBytes(prefixText, body),
    received,
    signedAt,
    withBody: (b) => concatBytes(prefixText, b),
    acceptable: true,
  };
}

/**
 * v1a when the request carries only ed25519 signatures; v1 (HMAC) otherwise — a sender that
 * sends both is verified by its v1 signatures, the ones an HMAC secret can check.
 */
function carriedVersion(headers: HeaderPair[]): Version {
  const entries = PREFIXES.flatMap((prefix) => headerValues(headers, `${prefix}-signature`)).flatMap(
    (value) => value.split(/\s+/),
  );
  const has = (version: Version) => entries.some((entry) => entry.startsWith(`${version},`));
  return has('v1a') && !has('v1') ? 'v1a' : 'v1';
}

/** The Standard Webhooks scheme. */
export const standardWebhooks: Scheme = {
  name: 'standard-webhooks',
  title: 'Standard Webhooks',
  headers: [
    'webhook-id',
    'webhook-timestamp',
    'webhook-signature',
    'svix-id',
    'svix-timestamp',
    'svix-signature',
  ],
  detect: (headers) => hasHeader(headers, 'webhook-signature') || hasHeader(headers, 'svix-signature'),
  parse: (req) => {
    const inputs: SignedInput[] = [];
    const headerNames: string[] = [];
    let firstProblem: ParseOutcome | null = null;
    const version = carriedVersion(req.headers);
    for (const prefix of PREFIXES) {
      const result = readFamily(req.headers, req.body, prefix, version);
      if (result === null) continue;
      if ('kind' in result) firstProblem ??= result;
      else {
        inputs.push(result);
        headerNames.push(`${prefix}-signature`);
      }
    }
    if (inputs.length === 0) return firstProblem ?? { kind: 'unsigned' };
    if (version === 'v1a') {
      return {
        kind: 'signed',
        header: headerNames.join(', '),
        algorithm: 'sha256',
        format: (signature) => `v1a,${toBase64(signature)}`,
        timestamped: true,
        inputs,
        keyFor: ed25519PublicKey,
        alternateKeys: () => [],
        asymmetric: ed25519Verify,
      };
    }
    return {
      kind: 'signed',
      header: headerNames.join(', '),
      algorithm: 'sha256',
      format: (digest) => `v1,${toBase64(digest)}`,
      timestamped: true,
      inputs,
      keyFor: standardWebhooksKey,
      alternateKeys: standardWebhooksAlternateKeys,
    };
  },
  sign: (req, secret, _options, now) => {
    const asymmetric = isAsymmetricKey(secret);
    const key = asymmetric ? { key: new Uint8Array() } : standardWebhooksKey(secret, 0);
    if ('error' in key) throw new Error(key.error);
    // Re-signing keeps the header family (or families) the request already used, and its message
    // id: receivers use the id for idempotency. A new id is derived from the content so signing
    // stays deterministic.
    // A request that already names its message id (a synthetic event) is signed in that family.
    const families = PREFIXES.filter(
      (prefix) => hasHeader(req.headers, `${prefix}-signature`) || hasHeader(req.headers, `${prefix}-id`),
    );
    const timestamp = String(Math.floor(now / 1000));
    return (families.length > 0 ? families : (['webhook'] as const)).flatMap((prefix): HeaderPair[] => {
      const id =
        firstHeader(req.headers, `${prefix}-id`) ??
        `msg_${sha256Hex(concatBytes(`${now}.`, req.body)).slice(0, 27)}`;
      const content = concatBytes(`${id}.${timestamp}.`, req.body);
      const signature = asymmetric
        ? `v1a,${toBase64(ed25519Sign(secret, content))}`
        : `v1,${toBase64(hmac('sha256', key.key, content))}`;
      return [
        [`${prefix}-id`, id],
        [`${prefix}-timestamp`, timestamp],
        [`${prefix}-signature`, signature],
      ];
    });
  },
};
