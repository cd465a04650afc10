import { randomBytes } from 'node:crypto';
import { InboxError } from '../core/errors';
import type { RuntimeFacts } from '../core/runtime';

// What localtunnel servers accept (their own check): 4–63 lowercase letters and digits, or with
// inner hyphens from 6 characters on; 63 is also DNS's limit for one label.
const VALID = /^(?:[a-z0-9]{4,63}|[a-z0-9][a-z0-9-]{4,61}[a-z0-9])$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** True when a localtunnel server would accept this subdomain. */
export function isValidSubdomain(s: string): boolean {
  return VALID.test(s);
}

/** A new `hookline-<10 base32 chars>` name (50 random bits: nobody else will ask for it). */
export function newSubdomain(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return `hookline-${out}`;
}

/** Checks a `--subdomain` flag, or throws an error saying what is allowed. */
export function checkSubdomain(s: string): string {
  if (!isValidSubdomain(s)) {
    throw new InboxError(
      'invalid',
      `--subdomain "${s}" is not allowed: use 4–63 lowercase letters and digits, with hyphens only inside (e.g. "my-hooks")`,
    );
  }
  return s;
}

/**
 * The subdomain this data directory asks for: the flag when given, else the one stored on first
 * use — so the public URL survives restarts whenever the server grants it.
 */
export function subdomainFor(facts: RuntimeFacts, flag: string | undefined): string {
  if (flag !== undefined) return checkSubdomain(flag);
  const stored = facts.storedSubdomain();
  if (typeof stored === 'string' && isValidSubdomain(stored)) return stored;
  const fresh = newSubdomain();
  facts.saveSubdomain(fresh);
  return fresh;
}
