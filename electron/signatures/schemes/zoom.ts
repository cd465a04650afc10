/**
 * Zoom: `x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:<ts>:<body>")>` with
 * `x-zm-request-timestamp`; the same shape as Slack, keyed with the app's Secret Token.
 */
import { hasHeader } from '../headers';
import type { Scheme } from '../types';
import { type V0Headers, parseV0, signV0 } from './v0-timestamped';

const NAMES: V0Headers = { signature: 'x-zm-signature', timestamp: 'x-zm-request-timestamp' };

/** The Zoom scheme. */
export const zoom: Scheme = {
  name: 'zoom',
  title: 'Zoom',
  headers: [NAMES.signature, NAMES.timestamp],
  detect: (headers) => hasHeader(headers, NAMES.signature),
  parse: (req) => parseV0(req, NAMES),
  sign: (req, secret, _options, now) => signV0(req, secret, NAMES, now),
};
