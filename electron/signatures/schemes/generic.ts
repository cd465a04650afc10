/**
 * Generic HMAC: by default `X-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>` (mcp-notify and
 * many small senders), configurable per endpoint through `options.generic` (header, algorithm,
 * encoding, prefix). Without explicit options, `X-Signature: sha256=…` is read too, and the
 * algorithm follows the value's `sha1=`/`sha256=`/`sha512=` prefix.
 */
import type { GenericHmacOptions, HeaderPair, VerifyOptions } from '../../../shared/types';
import { type HmacAlgorithm, hmac, isRecord, utf8 } from '../bytes';
import { firstHeader, hasHeader, headerValues } from '../headers';
import { bodySignature, formatDigest } from '../signature-values';
import type { ParseOutcome, Scheme } from '../types';

const DEFAULTS: GenericHmacOptions = {
  header: 'X-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
};
const ALGORITHMS: readonly HmacAlgorithm[] = ['sha1', 'sha256', 'sha512'];

/** The endpoint's generic settings, or why they are unusable (options come from stored rows). */
function settings(options: VerifyOptions | undefined): GenericHmacOptions | string {
  const configured: unknown = options?.generic;
  if (configured === undefined || configured === null) return DEFAULTS;
  if (!isRecord(configured)) return 'The generic HMAC settings are not an object';
  const { header, algorithm, encoding, prefix } = configured;
  if (typeof header !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
    return 'The generic HMAC header name is not a valid HTTP header name';
  }
  const alg = ALGORITHMS.find((candidate) => candidate === algorithm);
  if (!alg) return 'The generic HMAC algorithm must be sha1, sha256 or sha512';
  if (encoding !== 'hex' && encoding !== 'base64') return 'The generic HMAC encoding must be hex or base64';
  return { header, algorithm: alg, encoding, prefix: typeof prefix === 'string' ? prefix : '' };
}

/** Default-mode fallback: `X-Signature` whose algorithm is named by its prefix. */
function fallbackSettings(headers: HeaderPair[]): GenericHmacOptions | null {
  const value = firstHeader(headers, 'x-signature');
  if (!value) return null;
  const algorithm = ALGORITHMS.find((alg) => value.toLowerCase().startsWith(`${alg}=`)) ?? 'sha256';
  return { header: 'X-Signature', algorithm, encoding: 'hex', prefix: `${algorithm}=` };
}

/** The generic HMAC scheme. */
export const generic: Scheme = {
  name: 'generic',
  title: 'generic HMAC',
  headers: [DEFAULTS.header],
  detect: (headers) =>
    hasHeader(headers, 'x-signature-256') || /^sha256=/i.test(firstHeader(headers, 'x-signature') ?? ''),
  parse: (req, options): ParseOutcome => {
    const configured = settings(options);
    if (typeof configured === 'string') return { kind: 'error', reason: configured };
    let active: GenericHmacOptions | null = configured;
    if (options?.generic === undefined && !hasHeader(req.headers, DEFAULTS.header))
      active = fallbackSettings(req.headers);
    const values = active ? headerValues(req.headers, active.header).filter(Boolean) : [];
    if (!active || values.length === 0) return { kind: 'unsigned' };
    return bodySignature({ ...active, values, body: req.body });
  },
  sign: (req, secret, options) => {
    const configured = settings(options);
    if (typeof configured === 'string') throw new Error(configured);
    const digest = hmac(configured.algorithm, utf8(secret), req.body);
    return [[configured.header, formatDigest(configured.encoding, configured.prefix)(digest)]];
  },
};
