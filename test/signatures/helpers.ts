/** Shared fixtures for the signature tests: a fixed clock and a request builder. */

import type { SignableRequest } from '../../electron/signatures';
import type { HeaderPair, VerifyOptions } from '../../shared/types';

/** A fixed "now" (2023-11-14T22:13:20Z), so verdicts do not depend on the machine's clock. */
export const NOW = 1_700_000_000_000;

/** Five minutes, the default tolerance of every timestamped provider. */
export const OPTIONS: VerifyOptions = { toleranceSeconds: 300 };

/** Builds a request; url defaults to a public tunnel URL. */
export function request(
  body: string | Uint8Array,
  headers: HeaderPair[],
  url = 'https://hooks.example.test/h/ep_123',
): SignableRequest {
  return { method: 'POST', url, headers, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/** Flips one bit of one byte of the body (the middle one). */
export function tamper(req: SignableRequest): SignableRequest {
  const body = Buffer.from(req.body);
  const index = Math.floor(body.length / 2);
  body[index] = (body[index] ?? 0) ^ 0x01;
  return { ...req, body };
}

/** The request without the given headers (case-insensitive). */
export function withoutHeaders(req: SignableRequest, names: string[]): SignableRequest {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return { ...req, headers: req.headers.filter(([name]) => !drop.has(name.toLowerCase())) };
}

/** First value of a header (case-insensitive). */
export function header(headers: HeaderPair[], name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
