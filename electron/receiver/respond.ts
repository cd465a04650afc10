import type { ServerResponse } from 'node:http';
import type { HeaderPair } from '../../shared/types';
import { FRAMING_HEADERS } from '../core/custom-response';

/** Sends a JSON answer (errors and the default acknowledgement). */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: HeaderPair[] = []): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  // One flat raw list: Node writes it as given, without the per-header bookkeeping of setHeader.
  const headers = [
    'content-type',
    'application/json; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(text)),
  ];
  for (const [name, value] of extra) headers.push(name, value);
  res.writeHead(status, headers);
  res.end(text);
}

/** Sends a configured response: status, headers (repeats allowed), body; framing is always computed here. */
export function sendCustom(res: ServerResponse, status: number, headers: HeaderPair[], body: string): void {
  if (res.headersSent || res.destroyed) return;
  // A 1xx is not a final answer (the sender would wait for ever); only unchecked old rows can hold one.
  res.statusCode = status >= 200 && status <= 599 ? status : 200;
  for (const [name, value] of headers) {
    // Saved responses are checked (checkResponse), but rows written before that check may still carry
    // framing headers: a wrong Content-Length would hang the sender or desync its kept-alive connection.
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    try {
      res.appendHeader(name, value);
    } catch {
      // An invalid header name/value in a user's custom response must not cost the sender its answer.
    }
  }
  if (res.statusCode === 204 || res.statusCode === 304) {
    res.end();
    return;
  }
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
