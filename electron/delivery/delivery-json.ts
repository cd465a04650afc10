import type { Delivery } from '../../shared/types';
import { bodyAsText } from '../core/event-json';

const b64 = (body: Uint8Array) =>
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');

/** A delivery as JSON for scripts: bodies as base64 (and as text when they are UTF-8). */
export function deliveryToJson(d: Delivery): Record<string, unknown> {
  return {
    ...d,
    startedAtIso: new Date(d.startedAt).toISOString(),
    request: { method: d.request.method, headers: d.request.headers, bodyBase64: b64(d.request.body) },
    response: d.response && {
      status: d.response.status,
      headers: d.response.headers,
      bodyBase64: b64(d.response.body),
      bodyText: bodyAsText(d.response.body),
      truncated: d.response.truncated,
    },
  };
}
