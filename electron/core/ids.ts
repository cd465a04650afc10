import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += CROCKFORD[b & 31];
  return out;
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

/** A time-sortable event id, `evt_<time><random>`. */
export function newEventId(now: number): string {
  return `evt_${timePrefix(now)}${base32(randomBytes(12))}`;
}

/** A fresh webhook signing secret in the Standard Webhooks `whsec_` form (base64 of 24 random bytes). */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
