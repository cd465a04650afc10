/**
 * Standard Webhooks (also Svix, Clerk, Resend, …): `webhook-id`, `webhook-timestamp` (unix s) and
 * `webhook-signature: v1,<base64> [v1,<base64>…]` (space-separated during key rotation), each the
 * base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the base64-decoded part of `whsec_…`.
 * Svix's own SDK sends the same headers prefixed `svix-` instead of `webhook-`.
 */
import type { HeaderPair } from '../../../shared/types';
import { concatBytes, hmac, sha256Hex, toBase64 } from '../bytes';
import { parseUnixSeconds } from '../freshness';
import { firstHeader, hasHeader, headerValues } from '../headers';
import { standardWebhooksAlternateKeys, standardWebhooksKey } from '../keys';
import { readSignature } from '../signature-values';
import type { ParseOutcome, ReceivedSignature, Scheme, SignedInput } from '../types';

const PREFIXES = ['webhook', 'svix'] as const;

/** Reads one header family (`webhook-*` or `svix-*`); null when its signature header is absent. */
function readFamily(
  headers: HeaderPair[],
  body: Uint8Array,
  prefix: string,
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
    // Other versions (e.g. v1a, asymmetric ed25519) are skipped as the spec requires.
    if (entry.startsWith('v1,')) received.push(readSignature(entry, 'base64', 'v1,', signatureHeader));
  }
  if (received.length === 0) {
    return {
      kind: 'malformed',
      header: signatureHeader,
      received: values,
      reason: `${signatureHeader} has no v1,<base64> signature (other versions such as v1a are not supported)`,
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
    for (const prefix of PREFIXES) {
      const result = readFamily(req.headers, req.body, prefix);
      if (result === null) continue;
      if ('kind' in result) firstProblem ??= result;
      else {
        inputs.push(result);
        headerNames.push(`${prefix}-signature`);
      }
    }
    if (inputs.length === 0) return firstProblem ?? { kind: 'unsigned' };
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
    const key = standardWebhooksKey(secret, 0);
    if ('error' in key) throw new Error(key.error);
    // Re-signing keeps the header family (or families) the request already used, and its message
    // id: receivers use the id for idempotency. A new id is derived from the content so signing
    // stays deterministic.
    const families = PREFIXES.filter((prefix) => hasHeader(req.headers, `${prefix}-signature`));
    const timestamp = String(Math.floor(now / 1000));
    return (families.length > 0 ? families : (['webhook'] as const)).flatMap((prefix): HeaderPair[] => {
      const id =
        firstHeader(req.headers, `${prefix}-id`) ??
        `msg_${sha256Hex(concatBytes(`${now}.`, req.body)).slice(0, 27)}`;
      const digest = hmac('sha256', key.key, concatBytes(`${id}.${timestamp}.`, req.body));
      return [
        [`${prefix}-id`, id],
        [`${prefix}-timestamp`, timestamp],
        [`${prefix}-signature`, `v1,${toBase64(digest)}`],
      ];
    });
  },
};
