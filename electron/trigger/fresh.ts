import { randomBytes, randomUUID } from 'node:crypto';
import type { Fresh } from './types';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // Modulo bias is irrelevant here: these are example ids, not secrets.
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** Fresh ids and timestamps for one send at `now` (ms). */
export function freshValues(now: number): Fresh {
  return {
    now,
    seconds: Math.floor(now / 1000),
    iso: new Date(now).toISOString(),
    id: (prefix, length = 24) => `${prefix}${randomFrom(BASE62, length)}`,
    uuid: () => randomUUID(),
    digits: (n) => randomFrom('0123456789', n),
    hex: (n) => randomFrom('0123456789abcdef', n),
  };
}
