/**
 * Byte-level helpers for signature checks: HMAC, constant-time compare, strict decoders.
 * Decoders return null instead of throwing, because every header they see is untrusted.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC algorithms the supported schemes use. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** Digest sizes in bytes, to explain a length mismatch ("looks like SHA-1, not SHA-256"). */
export const DIGEST_BYTES: Readonly<Record<HmacAlgorithm, number>> = { sha1: 20, sha256: 32, sha512: 64 };

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Concatenates strings (as UTF-8) and byte arrays into one byte array. */
export function concatBytes(...parts: (string | Uint8Array)[]): Uint8Array {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
}

/** HMAC digest of data under key. */
export function hmac(algorithm: HmacAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return createHmac(algorithm, key).update(data).digest();
}

/** Lower-case hex SHA-256 of data (Twilio's bodySHA256). */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time equality; the length check first is safe because digest lengths are public. */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Standard (padded) base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Strict hex decoding (either case); null for anything else. Buffer.from would silently stop early. */
export function decodeHex(text: string): Uint8Array | null {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return null;
  return Buffer.from(text, 'hex');
}

/**
 * Strict base64 decoding (standard or URL-safe alphabet, padding optional); null for anything else.
 * Non-canonical input (stray bits in the last character) is rejected: Buffer would ignore them,
 * and a signature that is not byte-for-byte what the sender computed should not verify.
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bare = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (bare.length % 4 === 1) return null;
  if (text.length !== bare.length && text.length % 4 !== 0) return null;
  const bytes = Buffer.from(bare, 'base64');
  if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== bare) return null;
  return bytes;
}

// One decoder for every body: building a fatal TextDecoder per call cost more than decoding 1 KiB.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a whole body as UTF-8 text, or null when it is not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const NOT_JSON = Symbol('not JSON');
// Detection, event info and the handshakes each read the body as JSON; a capture parses it once.
// One slot, not a WeakMap keyed by body: V8 drops a WeakMap's entries late, and kept every parsed
// body alive (promoted to the old generation) until a full GC — ~65 MB more peak RSS while
// ingesting. assessRequest empties the slot after each request; bodies over 64 KiB are not kept.
const MEMO_MAX_BYTES = 64 * 1024;
let memoBody: Uint8Array | null = null;
let memoValue: unknown = NOT_JSON;

function parseBody(body: Uint8Array): unknown {
  const text = utf8Text(body);
  if (text === null || !/^\s*[[{]/.test(text)) return NOT_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** A body parsed as a JSON object or array (memoized for the request being assessed); undefined for anything else. */
export function bodyJson(body: Uint8Array): unknown {
  if (body !== memoBody) {
    const value = parseBody(body);
    if (body.byteLength > MEMO_MAX_BYTES) return value === NOT_JSON ? undefined : value;
    memoBody = body;
    memoValue = value;
  }
  return memoValue === NOT_JSON ? undefined : memoValue;
}

/** Empties the parsed-body memo (see bodyJson). */
export function forgetParsedBody(): void {
  memoBody = null;
  memoValue = NOT_JSON;
}

/** Parses a body as a JSON object; null for anything else (arrays, invalid JSON, binary). */
export function jsonObject(body: Uint8Array): Record<string, unknown> | null {
  const value = bodyJson(body);
  return isRecord(value) ? value : null;
}

/** Narrows unknown to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of an object, or null. */
export function stringField(obj: Record<string, unknown> | null | undefined, key: string): string | null {
  const value = obj?.[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
