import type { ServerResponse } from 'node:http';
import type { HeaderPair } from '../../shared/types';

/** Sends a JSON answer (errors and the default acknowledgement). */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: HeaderPair[] = []): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  for (const [name, value] of extra) res.appendHeader(name, value);
  res.end(text);
}

/** Sends a configured response: status, headers (repeats allowed), body. */
export function sendCustom(res: ServerResponse, status: number, headers: HeaderPair[], body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = status;
  for (const [name, value] of headers) {
    try {
      res.appendHeader(name, value);
    } catch {
      // An invalid header name/value in a user's custom response must not cost the sender its answer.
    }
  }
  if (!res.hasHeader('content-length')) res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
