/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(app client secret, body)>`, no timestamp
 * (X-Shopify-Triggered-At is not signed, so it cannot prove freshness).
 */
import { hmac, toBase64, utf8 } from '../bytes';
import { hasHeader, headerValues } from '../headers';
import { bodySignature } from '../signature-values';
import type { Scheme } from '../types';

const HEADER = 'X-Shopify-Hmac-Sha256';

/** The Shopify scheme. */
export const shopify: Scheme = {
  name: 'shopify',
  title: 'Shopify',
  headers: [HEADER],
  detect: (headers) => hasHeader(headers, HEADER),
  parse: (req) => {
    const values = headerValues(req.headers, HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    return bodySignature({
      header: HEADER,
      values,
      algorithm: 'sha256',
      encoding: 'base64',
      prefix: '',
      body: req.body,
    });
  },
  sign: (req, secret) => [[HEADER, toBase64(hmac('sha256', utf8(secret), req.body))]],
};
