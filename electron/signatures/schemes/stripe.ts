/**
 * Stripe: `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=<hex>…][,v0=…]`, each v1 the hex
 * HMAC-SHA256 of `<t>.<body>` keyed with the whole `whsec_…` string. During a secret roll Stripe
 * sends one v1 per active secret. v0 (legacy test signatures) is ignored, as Stripe's SDK does.
 */
import { concatBytes, hmac, toHex, utf8 } from '../bytes';
import { parseUnixSeconds } from '../freshness';
import { hasHeader, headerValues } from '../headers';
import { readSignature } from '../signature-values';
import type { ReceivedSignature, Scheme, SignedInput } from '../types';

const HEADER = 'Stripe-Signature';

/** The Stripe scheme. */
export const stripe: Scheme = {
  name: 'stripe',
  title: 'Stripe',
  headers: [HEADER],
  detect: (headers) => hasHeader(headers, HEADER),
  parse: (req) => {
    const values = headerValues(req.headers, HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    const inputs: SignedInput[] = [];
    const problems = new Set<string>();
    for (const value of values) {
      let timestamp: string | null = null;
      const received: ReceivedSignature[] = [];
      for (const item of value.split(',')) {
        const eq = item.indexOf('=');
        const name = item.slice(0, eq).trim();
        const field = item.slice(eq + 1).trim();
        if (eq === -1) continue;
        if (name === 't') timestamp = field;
        if (name === 'v1') received.push(readSignature(`v1=${field}`, 'hex', 'v1=', HEADER));
      }
      const signedAt = parseUnixSeconds(timestamp);
      if (timestamp === null)
        problems.add(`${HEADER} has no t= timestamp, so the signed content cannot be rebuilt`);
      else if (signedAt === null)
        problems.add(`${HEADER} t=${timestamp.slice(0, 40)} is not a Unix timestamp`);
      if (received.length === 0)
        problems.add(`${HEADER} has no v1= signature (v0 test signatures are ignored)`);
      if (signedAt === null || timestamp === null || received.length === 0) continue;
      const prefix = `${timestamp.trim()}.`;
      inputs.push({
        content: concatBytes(prefix, req.body),
        received,
        signedAt,
        withBody: (body) => concatBytes(prefix, body),
        acceptable: true,
      });
    }
    if (inputs.length === 0) {
      return {
        kind: 'malformed',
        header: HEADER,
        received: values,
        reason: [...problems][0] ?? `${HEADER} is malformed`,
        hints: [...problems],
      };
    }
    return {
      kind: 'signed',
      header: HEADER,
      algorithm: 'sha256',
      format: (digest) => `v1=${toHex(digest)}`,
      timestamped: true,
      inputs,
    };
  },
  sign: (req, secret, _options, now) => {
    const t = Math.floor(now / 1000);
    const digest = hmac('sha256', utf8(secret), concatBytes(`${t}.`, req.body));
    return [[HEADER, `t=${t},v1=${toHex(digest)}`]];
  },
};
