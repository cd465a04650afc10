/**
 * Paddle Billing: `Paddle-Signature: ts=<unix s>;h1=<hex HMAC-SHA256(secret, "<ts>:<body>")>`.
 * While a secret is being rotated Paddle sends several h1 values; any one matching is enough.
 */
import { concatBytes, hmac, toHex, utf8 } from '../bytes';
import { parseUnixSeconds } from '../freshness';
import { hasHeader, headerValues } from '../headers';
import { readSignature } from '../signature-values';
import type { ReceivedSignature, Scheme } from '../types';

const HEADER = 'Paddle-Signature';

/** The Paddle scheme. */
export const paddle: Scheme = {
  name: 'paddle',
  title: 'Paddle',
  headers: [HEADER],
  detect: (headers) => hasHeader(headers, HEADER),
  parse: (req) => {
    const values = headerValues(req.headers, HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    let timestamp: string | null = null;
    const received: ReceivedSignature[] = [];
    for (const item of values.flatMap((value) => value.split(';'))) {
      const eq = item.indexOf('=');
      if (eq === -1) continue;
      const name = item.slice(0, eq).trim();
      const field = item.slice(eq + 1).trim();
      if (name === 'ts') timestamp ??= field;
      if (name === 'h1') received.push(readSignature(`h1=${field}`, 'hex', 'h1=', HEADER));
    }
    const signedAt = parseUnixSeconds(timestamp);
    if (timestamp === null || signedAt === null || received.length === 0) {
      const reason =
        timestamp === null
          ? `${HEADER} has no ts= timestamp, so the signed content cannot be rebuilt`
          : signedAt === null
            ? `${HEADER} ts=${timestamp.slice(0, 40)} is not a Unix timestamp`
            : `${HEADER} has no h1= signature`;
      return { kind: 'malformed', header: HEADER, received: values, reason };
    }
    const prefix = `${timestamp}:`;
    return {
      kind: 'signed',
      header: HEADER,
      algorithm: 'sha256',
      format: (digest) => `h1=${toHex(digest)}`,
      timestamped: true,
      inputs: [
        {
          content: concatBytes(prefix, req.body),
          received,
          signedAt,
          withBody: (body) => concatBytes(prefix, body),
          acceptable: true,
        },
      ],
    };
  },
  sign: (req, secret, _options, now) => {
    const ts = Math.floor(now / 1000);
    return [[HEADER, `ts=${ts};h1=${toHex(hmac('sha256', utf8(secret), concatBytes(`${ts}:`, req.body)))}`]];
  },
};
