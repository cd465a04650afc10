/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`; the legacy
 * `X-Hub-Signature: sha1=<hex>` is only read when the SHA-256 header is absent.
 */
import type { HeaderPair } from '../../../shared/types';
import { hmac, utf8 } from '../bytes';
import { hasHeader, headerValues } from '../headers';
import { bodySignature, formatDigest } from '../signature-values';
import type { Scheme } from '../types';
import { hubSignatureOwner } from './hub-signature';

/** The GitHub scheme. */
export const github: Scheme = {
  name: 'github',
  title: 'GitHub',
  headers: ['X-Hub-Signature-256', 'X-Hub-Signature'],
  detect: (headers, body) => hubSignatureOwner(headers, body) === 'github',
  parse: (req) => {
    const sha256 = headerValues(req.headers, 'x-hub-signature-256').filter(Boolean);
    if (sha256.length > 0) {
      return bodySignature({
        header: 'X-Hub-Signature-256',
        values: sha256,
        algorithm: 'sha256',
        encoding: 'hex',
        prefix: 'sha256=',
        body: req.body,
      });
    }
    const sha1 = headerValues(req.headers, 'x-hub-signature').filter(Boolean);
    if (sha1.length === 0) return { kind: 'unsigned' };
    const parsed = bodySignature({
      header: 'X-Hub-Signature',
      values: sha1,
      algorithm: 'sha1',
      encoding: 'hex',
      prefix: 'sha1=',
      body: req.body,
    });
    return {
      ...parsed,
      notes: ['Only the legacy SHA-1 X-Hub-Signature was sent; GitHub also sends X-Hub-Signature-256'],
    };
  },
  sign: (req, secret) => {
    const key = utf8(secret);
    const updates: HeaderPair[] = [
      ['X-Hub-Signature-256', formatDigest('hex', 'sha256=')(hmac('sha256', key, req.body))],
    ];
    // GitHub sends both; a kept legacy header would carry a stale signature for the new body.
    if (hasHeader(req.headers, 'x-hub-signature')) {
      updates.push(['X-Hub-Signature', formatDigest('hex', 'sha1=')(hmac('sha1', key, req.body))]);
    }
    return updates;
  },
};
