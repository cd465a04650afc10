import { STATUS_CODES } from 'node:http';
import type { StoredEvent } from '../../shared/types';
import { VERSION } from '../base/version';
import { toBase64 } from '../core/event-json';
import { bodyAsText } from '../core/event-json';

interface NameValue {
  name: string;
  value: string;
}

function queryPairs(query: string): NameValue[] {
  if (!query) return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const [name, value] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return { name: decode(name), value: decode(value) };
  });
}

function headerBlockSize(event: StoredEvent, url: string): number {
  const target = url.replace(/^[a-z]+:\/\/[^/?]*/i, '') || '/';
  const head = `${event.method} ${target} HTTP/1.1\r\n${event.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.byteLength(head, 'latin1');
}

/** One event as a HAR 1.2 entry; the receiver's answer is the response (its body is not kept). */
export function eventToHarEntry(event: StoredEvent, url: string): Record<string, unknown> {
  const body = event.body;
  const text = bodyAsText(body);
  const request: Record<string, unknown> = {
    method: event.method,
    url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: event.headers.map(([name, value]) => ({ name, value })),
    queryString: queryPairs(event.query),
    headersSize: headerBlockSize(event, url),
    bodySize: body.byteLength,
  };
  if (body.byteLength > 0) {
    request.postData =
      text === null
        ? {
            mimeType: event.contentType ?? '',
            text: toBase64(body),
            _encoding: 'base64',
          }
        : { mimeType: event.contentType ?? '', text };
  }
  return {
    startedDateTime: new Date(event.receivedAt).toISOString(),
    time: 0,
    request,
    response: {
      status: event.responseStatus,
      statusText: STATUS_CODES[event.responseStatus] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `Hookline event ${event.id} (signature: ${event.verification.status})`,
    _hookline: {
      eventId: event.id,
      endpointId: event.endpointId,
      path: event.path,
      query: event.query,
      remoteAddr: event.remoteAddr,
    },
  };
}

/** Events as a HAR 1.2 log, oldest first; `urlFor` gives the URL each was sent to. */
export function eventsToHar(
  events: StoredEvent[],
  urlFor: (e: StoredEvent) => string,
): Record<string, unknown> {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hookline', version: VERSION },
      pages: [],
      entries: ordered.map((e) => eventToHarEntry(e, urlFor(e))),
      comment:
        'Exported by Hookline: request headers in received order, bodies exact (base64 when binary: postData._encoding).',
    },
  };
}
