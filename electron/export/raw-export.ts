import type { StoredEvent } from '../../shared/types';

/**
 * The event as raw HTTP/1.1 bytes: request line with the original request target
 * (`/h/<endpoint>` + path + query), headers exactly as received, blank line, body. Header text is
 * Latin-1 (one byte per char) because that is how it was read off the wire.
 */
export function eventToRawHttp(event: StoredEvent): Buffer {
  const target = `/h/${event.endpointId}${event.path}${event.query ? `?${event.query}` : ''}`;
  const head = `${event.method} ${target} HTTP/1.1\r\n${event.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), event.body]);
}
