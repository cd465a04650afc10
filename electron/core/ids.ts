import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

const CROCKFORD_CODES = [...CROCKFORD].map((c) => c.charCodeAt(0));

function base32(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = CROCKFORD_CODES[(bytes[i] as number) & 31] as number;
  return String.fromCharCode(...codes);
}

function timePrefix(ms: number): string {
  // 10 base32 chars = 50 bits of milliseconds: lexicographic order follows time until the year 37000.
  let out = '';
  let n = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** An unguessable endpoint id: 144 random bits, URL-safe. It is the only secret guarding the URL. */
export function newEndpointId(): string {
  return randomBytes(18).toString('base64url');
}

// Event ids are minted on the ingest hot path: draw random bytes in blocks, not one syscall per id.
const POOL_SIZE = 12 * 512;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

function pooledRandom(n: number): Uint8Array {
  if (poolOffset + n > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

// Ids minted in the same millisecond (a burst's group commit) share their time prefix: built once.
let prefixMs = Number.NaN;
let prefix = '';

/** A time-sortable event id, `evt_<time><random>`. */
export function newEventId(now: number): string {
  if (now !== prefixMs) {
    prefixMs = now;
    prefix = `evt_${timePrefix(now)}`;
  }
  return prefix + base32(pooledRandom(12));
}

/** A chaos run id: `chaos_` + sortable time + randomness, like event ids. */
export function newChaosRunId(now: number): string {
  return `chaos_${timePrefix(now)}${base32(pooledRandom(12))}`;
}

/** A fresh webhook signing secret in the Standard Webhooks `whsec_` form (base64 of 24 random bytes). */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * A fresh secret in the form the provider's own secrets take: `whsec_` + base64 where the scheme keys
 * with it (Standard Webhooks, Stripe, and `auto`, whose sender is not known yet), else 64 hex digits
 * (GitHub's suggestion, and what generic HMAC senders accept as an opaque string).
 */
export function newSecretFor(provider: string): string {
  if (provider === 'standard-webhooks' || provider === 'stripe' || provider === 'auto') return newSecret();
  return randomBytes(32).toString('hex');
}
