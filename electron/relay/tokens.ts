import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NewRelayToken } from '../core/relay-ports';

/** Every relay token starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const TOKEN_PREFIX = 'hlr_';

/** SHA-256 hex of a token: what the store keeps and looks tokens up by. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new member token (256 random bits) and the row to store; the token is shown once and never stored. */
export function newRelayToken(
  name: string,
  readOnly: boolean,
  now: number,
): { token: string; row: NewRelayToken } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `tok_${randomBytes(6).toString('hex')}`;
  return { token, row: { id, name, readOnly, hash: hashToken(token), createdAt: now } };
}

/** The bearer token of a request, or null when there is none. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Checks a member name (it is what acks are recorded as): 1–64 letters, digits or . _ @ -. */
export function isMemberName(name: string): boolean {
  return NAME.test(name);
}
