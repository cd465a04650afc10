import { connect } from 'node:net';

/** A response read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole response as received. */
  raw: string;
}

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads until the server closes it
 * (send `Connection: close`). Lets tests control header casing, order, repeats and framing.
 */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('raw request timed out'));
    }, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
    });
    socket.end(bytes);
  });
}

/** Parses a raw HTTP/1.1 response (first response only). */
export function parseResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: split === -1 ? '' : raw.slice(split + 4),
    raw,
  };
}

/** Builds a raw HTTP/1.1 request with exactly these header lines (in order) and body bytes. */
export function buildRequest(
  method: string,
  target: string,
  headers: [string, string][],
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const head = `${method} ${target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
