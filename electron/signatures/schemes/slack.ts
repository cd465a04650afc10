/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<ts>:<body>")>` with
 * `X-Slack-Request-Timestamp`. Slash commands and interactivity post form bodies, Events API JSON;
 * both are signed as raw bytes.
 */
import { hasHeader } from '../headers';
import type { Scheme } from '../types';
import { type V0Headers, parseV0, signV0 } from './v0-timestamped';

const NAMES: V0Headers = { signature: 'X-Slack-Signature', timestamp: 'X-Slack-Request-Timestamp' };

/** The Slack scheme. */
export const slack: Scheme = {
  name: 'slack',
  title: 'Slack',
  headers: [NAMES.signature, NAMES.timestamp],
  detect: (headers) => hasHeader(headers, NAMES.signature),
  parse: (req) => parseV0(req, NAMES),
  sign: (req, secret, _options, now) => signV0(req, secret, NAMES, now),
};
