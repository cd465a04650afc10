/**
 * Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, body)>` — the same header and
 * format as GitHub's legacy signature, so detection needs more than the header (see hub-signature.ts).
 */
import { hmac, utf8 } from '../bytes';
import { headerValues } from '../headers';
import { bodySignature, formatDigest } from '../signature-values';
import type { Scheme } from '../types';
import { hubSignatureOwner } from './hub-signature';

/** The Intercom scheme. */
export const intercom: Scheme = {
  name: 'intercom',
  title: 'Intercom',
  headers: ['X-Hub-Signature'],
  detect: (headers, body) => hubSignatureOwner(headers, body) === 'intercom',
  parse: (req) => {
    const values = headerValues(req.headers, 'x-hub-signature').filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    return bodySignature({
      header: 'X-Hub-Signature',
      values,
      algorithm: 'sha1',
      encoding: 'hex',
      prefix: 'sha1=',
      body: req.body,
    });
  },
  sign: (req, secret) => [
    ['X-Hub-Signature', formatDigest('hex', 'sha1=')(hmac('sha1', utf8(secret), req.body))],
  ],
};
