/**
 * Linear: `Linear-Signature: <hex HMAC-SHA256(secret, body)>`. The timestamp is not a header but
 * the body's `webhookTimestamp` (ms); being inside the signed body it is authentic, so it is used
 * for freshness when present, as Linear's SDK does.
 */
import { hmac, jsonObject, toHex, utf8 } from '../bytes';
import { hasHeader, headerValues } from '../headers';
import { bodySignature } from '../signature-values';
import type { Scheme } from '../types';

const HEADER = 'Linear-Signature';

/** `webhookTimestamp` in ms (seconds accepted too, for senders that use them); null when absent. */
function bodyTimestamp(body: Uint8Array): number | null {
  const value = jsonObject(body)?.webhookTimestamp;
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) return null;
  return number < 100_000_000_000 ? number * 1000 : number;
}

/** The Linear scheme. */
export const linear: Scheme = {
  name: 'linear',
  title: 'Linear',
  headers: [HEADER],
  detect: (headers) => hasHeader(headers, HEADER),
  parse: (req) => {
    const values = headerValues(req.headers, HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    const parsed = bodySignature({
      header: HEADER,
      values,
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: '',
      body: req.body,
    });
    const signedAt = bodyTimestamp(req.body);
    if (signedAt === null) return parsed;
    return { ...parsed, timestamped: true, inputs: parsed.inputs.map((input) => ({ ...input, signedAt })) };
  },
  sign: (req, secret) => [[HEADER, toHex(hmac('sha256', utf8(secret), req.body))]],
};
