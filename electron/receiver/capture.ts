import type { IncomingMessage } from 'node:http';
import type { HeaderPair } from '../../shared/types';

/** Headers exactly as received: original casing, order and repeats (Node keeps the bytes as latin1). */
export function rawHeaderPairs(req: IncomingMessage): HeaderPair[] {
  const raw = req.rawHeaders;
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

/** The sender's address; behind the tunnel, the forwarded client address when present. */
export function remoteAddress(req: IncomingMessage): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  const viaTunnel = typeof forwarded === 'string' && isLoopback(req.socket.remoteAddress);
  if (viaTunnel) return forwarded.split(',')[0]?.trim() || null;
  return req.socket.remoteAddress ?? null;
}

/** True for 127.0.0.0/8 and ::1 (also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The Content-Type header value, or null. */
export function contentTypeOf(req: IncomingMessage): string | null {
  const value = req.headers['content-type'];
  return typeof value === 'string' ? value : null;
}
