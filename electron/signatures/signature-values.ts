/**
 * Reading and writing signature values shared by several schemes ("sha256=<hex>", bare base64, …),
 * and the common shape "HMAC of the raw body" used by GitHub, Intercom, Shopify, Linear and generic.
 */
import type { HmacAlgorithm } from './bytes';
import { decodeBase64, decodeHex, toBase64, toHex } from './bytes';
import type { ParsedSignature, ReceivedSignature } from './types';

/** How a digest is written in a header. */
export type DigestEncoding = 'hex' | 'base64';

/** Decodes one received value; a wrong prefix or encoding becomes a readable problem, not a throw. */
export function readSignature(
  text: string,
  encoding: DigestEncoding,
  prefix: string,
  header: string,
): ReceivedSignature {
  const value = text.trim();
  if (prefix && !value.toLowerCase().startsWith(prefix.toLowerCase())) {
    return { text, bytes: null, problem: `The ${header} value should start with "${prefix}"` };
  }
  const digest = value.slice(prefix.length);
  const bytes = encoding === 'hex' ? decodeHex(digest) : decodeBase64(digest);
  return bytes
    ? { text, bytes }
    : { text, bytes: null, problem: `The ${header} value is not valid ${encoding}` };
}

/** Writes a digest with a prefix in an encoding. */
export function formatDigest(encoding: DigestEncoding, prefix: string) {
  return (digest: Uint8Array): string => prefix + (encoding === 'hex' ? toHex(digest) : toBase64(digest));
}

/** A scheme whose signature is the HMAC of the raw body alone. */
export function bodySignature(options: {
  header: string;
  values: string[];
  algorithm: HmacAlgorithm;
  encoding: DigestEncoding;
  prefix: string;
  body: Uint8Array;
}): ParsedSignature {
  return {
    kind: 'signed',
    header: options.header,
    algorithm: options.algorithm,
    format: formatDigest(options.encoding, options.prefix),
    timestamped: false,
    inputs: [
      {
        content: options.body,
        received: options.values.map((value) =>
          readSignature(value, options.encoding, options.prefix, options.header),
        ),
        signedAt: null,
        withBody: (body) => body,
        acceptable: true,
      },
    ],
  };
}
