import type { IncomingMessage } from 'node:http';
import type { HeaderPair } from '../../shared/types';

/** Headers exactly as received: original casing, order and repeats (Node keeps the bytes as latin1). */
export function rawHeaderPairs(req: IncomingMessage): HeaderPair[] {
  const raw = req.rawHeaders;
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

/**
 * The TCP peer's address, and only that. X-Forwarded-For is never trusted: every tunnelled request
 * arrives from loopback, so "from loopback" proves nothing about who wrote the header. What the
 * sender claims stays in the stored headers (see claimedForwardedFor).
 */
export function remoteAddress(req: IncomingMessage): string | null {
  return req.socket.remoteAddress ?? null;
}

/**
 * The first value of a header (name given in lower case), read from the raw headers. Asking
 * `req.headers` instead makes Node build the whole lower-cased header object for every capture,
 * which the receiver never needs otherwise.
 */
export function rawHeader(req: IncomingMessage, lowerName: string): string | null {
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) return raw[i + 1] as string;
  }
  return null;
}

/** The Content-Type header value, or null. */
export function contentTypeOf(req: IncomingMessage): string | null {
  return rawHeader(req, 'content-type');
}
