/**
 * The "v0" shape Slack and Zoom share: `<sig header>: v0=<hex HMAC-SHA256(secret, "v0:<ts>:<body>")>`
 * with the Unix-seconds timestamp in a separate header.
 */
import type { HeaderPair } from '../../../shared/types';
import { concatBytes, hmac, toHex, utf8 } from '../bytes';
import { parseUnixSeconds } from '../freshness';
import { firstHeader, headerValues } from '../headers';
import { readSignature } from '../signature-values';
import type { ParseOutcome, SignableRequest } from '../types';

/** Header names of one v0-style provider. */
export interface V0Headers {
  signature: string;
  timestamp: string;
}

/** Reads a v0-style signature. */
export function parseV0(req: SignableRequest, names: V0Headers): ParseOutcome {
  const values = headerValues(req.headers, names.signature).filter(Boolean);
  if (values.length === 0) return { kind: 'unsigned' };
  const timestamp = firstHeader(req.headers, names.timestamp);
  if (!timestamp) {
    return {
      kind: 'malformed',
      header: names.signature,
      received: values,
      reason: `${names.signature} is present but ${names.timestamp} is missing, so the signed content cannot be rebuilt`,
    };
  }
  const signedAt = parseUnixSeconds(timestamp);
  if (signedAt === null) {
    return {
      kind: 'malformed',
      header: names.timestamp,
      received: values,
      reason: `${names.timestamp} "${timestamp.slice(0, 40)}" is not a Unix timestamp in seconds`,
    };
  }
  const prefix = `v0:${timestamp}:`;
  return {
    kind: 'signed',
    header: `${names.signature}, ${names.timestamp}`,
    algorithm: 'sha256',
    format: (digest) => `v0=${toHex(digest)}`,
    timestamped: true,
    inputs: [
      {
        content: concatBytes(prefix, req.body),
        received: values.map((value) => readSignature(value, 'hex', 'v0=', names.signature)),
        signedAt,
        withBody: (body) => concatBytes(prefix, body),
        acceptable: true,
      },
    ],
  };
}

/** Signs in the v0 shape with `now` as the timestamp. */
export function signV0(req: SignableRequest, secret: string, names: V0Headers, now: number): HeaderPair[] {
  const timestamp = String(Math.floor(now / 1000));
  const digest = hmac('sha256', utf8(secret), concatBytes(`v0:${timestamp}:`, req.body));
  return [
    [names.timestamp, timestamp],
    [names.signature, `v0=${toHex(digest)}`],
  ];
}
