/**
 * Standard Webhooks asymmetric signatures (`v1a`): ed25519 over `<id>.<timestamp>.<body>`.
 * Keys are base64 after a prefix: `whsk_` holds the 32-byte private seed, `whpk_` the 32-byte
 * public key. node:crypto only takes DER/JWK keys, so the raw bytes are wrapped in the fixed
 * PKCS#8/SPKI prefixes for ed25519 (RFC 8410).
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { decodeBase64 } from './bytes';
import type { KeyResult } from './types';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SECRET_PREFIX = 'whsk_';
const PUBLIC_PREFIX = 'whpk_';
const KEY_BYTES = 32;

/** Whether a configured secret is an ed25519 key (public or secret) rather than an HMAC secret. */
export function isAsymmetricKey(secret: string): boolean {
  const trimmed = secret.trim();
  return trimmed.startsWith(SECRET_PREFIX) || trimmed.startsWith(PUBLIC_PREFIX);
}

function rawKey(text: string, prefix: string, index: number, what: string): Uint8Array | { error: string } {
  const bytes = decodeBase64(text.trim().slice(prefix.length));
  if (bytes?.length === KEY_BYTES) return bytes;
  return {
    error: `Secret #${index + 1} starts with ${prefix} but is not a base64 ${KEY_BYTES}-byte ed25519 ${what}`,
  };
}

function publicFromSeed(seed: Uint8Array): Uint8Array {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

/** The raw ed25519 public key for a `whpk_…` public or `whsk_…` secret key (a secret key implies its public key). */
export function ed25519PublicKey(secret: string, index: number): KeyResult {
  const trimmed = secret.trim();
  if (trimmed.startsWith(PUBLIC_PREFIX)) {
    const key = rawKey(trimmed, PUBLIC_PREFIX, index, 'public key');
    return key instanceof Uint8Array ? { key } : key;
  }
  if (trimmed.startsWith(SECRET_PREFIX)) {
    const seed = rawKey(trimmed, SECRET_PREFIX, index, 'secret key');
    return seed instanceof Uint8Array ? { key: publicFromSeed(seed) } : seed;
  }
  return {
    error: `Secret #${index + 1} is an HMAC secret, but this sender signs with ed25519 (v1a): configure its whpk_… public key`,
  };
}

/** Whether signature is a valid ed25519 signature of content under the raw public key. */
export function ed25519Verify(publicKey: Uint8Array, content: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== KEY_BYTES || signature.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, content, key, signature);
  } catch {
    return false;
  }
}

/** Signs content with a `whsk_…` secret key (the raw 32-byte seed is accepted without the prefix too). */
export function ed25519Sign(secretKey: string, content: Uint8Array): Uint8Array {
  const trimmed = secretKey.trim();
  if (trimmed.startsWith(PUBLIC_PREFIX))
    throw new Error('a whpk_ public key can only verify; signing v1a needs the whsk_ secret key');
  const seed = rawKey(
    trimmed.startsWith(SECRET_PREFIX) ? trimmed : `${SECRET_PREFIX}${trimmed}`,
    SECRET_PREFIX,
    0,
    'secret key',
  );
  if (!(seed instanceof Uint8Array)) throw new Error(seed.error);
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return new Uint8Array(sign(null, content, key));
}
