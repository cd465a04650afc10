/**
 * Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256(signature key, notificationUrl + body)>`,
 * and the legacy `x-square-signature` (HMAC-SHA1, same content), read only when the first is absent.
 * notificationUrl must be the exact URL configured in the Square subscription.
 */
import type { HeaderPair } from '../../../shared/types';
import { type HmacAlgorithm, concatBytes, hmac, toBase64, utf8 } from '../bytes';
import { hasHeader, headerValues } from '../headers';
import { readSignature } from '../signature-values';
import { signingUrl, urlCandidates } from '../signed-url';
import type { ParseOutcome, Scheme } from '../types';

const SHA256_HEADER = 'x-square-hmacsha256-signature';
const SHA1_HEADER = 'x-square-signature';

/** The Square scheme. */
export const square: Scheme = {
  name: 'square',
  title: 'Square',
  headers: [SHA256_HEADER, SHA1_HEADER],
  detect: (headers) => hasHeader(headers, SHA256_HEADER) || hasHeader(headers, SHA1_HEADER),
  parse: (req, options): ParseOutcome => {
    const sha256 = headerValues(req.headers, SHA256_HEADER).filter(Boolean);
    const values = sha256.length > 0 ? sha256 : headerValues(req.headers, SHA1_HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    const header = sha256.length > 0 ? SHA256_HEADER : SHA1_HEADER;
    const algorithm: HmacAlgorithm = sha256.length > 0 ? 'sha256' : 'sha1';
    // Square's SDK compares against the exact notification URL, so port forms are hints only.
    const candidates = urlCandidates(req, options, false);
    if (typeof candidates === 'string')
      return { kind: 'error', header, reason: `Cannot check the Square signature: ${candidates}` };
    const received = values.map((value) => readSignature(value, 'base64', '', header));
    return {
      kind: 'signed',
      header,
      algorithm,
      format: toBase64,
      timestamped: false,
      inputs: candidates.map((candidate) => ({
        content: concatBytes(candidate.url, req.body),
        received,
        signedAt: null,
        url: candidate.url,
        withBody: (body: Uint8Array) => concatBytes(candidate.url, body),
        acceptable: candidate.acceptable,
      })),
    };
  },
  sign: (req, secret, options) => {
    const url = signingUrl(req, options);
    if (!url)
      throw new Error(
        `Cannot sign for Square: the request URL "${String(req.url).slice(0, 100)}" is not an absolute http(s) URL`,
      );
    const key = utf8(secret);
    const content = concatBytes(url, req.body);
    const updates: HeaderPair[] = [[SHA256_HEADER, toBase64(hmac('sha256', key, content))]];
    // A kept legacy header would carry a stale signature for the new body.
    if (hasHeader(req.headers, SHA1_HEADER))
      updates.push([SHA1_HEADER, toBase64(hmac('sha1', key, content))]);
    return updates;
  },
};
