import type { ApiDelivery, ApiEvent } from '../../shared/api';
import type { Delivery, StoredEvent } from '../../shared/types';
import { claimedForwardedFor } from './forwarded-for';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text when it is valid UTF-8, else null. */
export function bodyAsText(body: Uint8Array): string | null {
  try {
    return strictUtf8.decode(body);
  } catch {
    return null;
  }
}

/** Bytes as base64 (JSON has no binary type), without copying them. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * The one JSON projection of a whole event, for the UI API and the CLI's `--json`: every field,
 * headers in order, the body as base64 and (when it is UTF-8) as text, the time also as ISO 8601.
 */
export function eventToJson(event: StoredEvent): ApiEvent {
  const { body, ...rest } = event;
  return {
    ...rest,
    receivedAtIso: new Date(event.receivedAt).toISOString(),
    claimedForwardedFor: claimedForwardedFor(event.headers),
    bodyBase64: toBase64(body),
    bodyText: bodyAsText(body),
  };
}

/** The one JSON projection of a delivery attempt: bodies as base64 (and the response as text when UTF-8). */
export function deliveryToJson(d: Delivery): ApiDelivery {
  return {
    ...d,
    startedAtIso: new Date(d.startedAt).toISOString(),
    request: {
      method: d.request.method,
      headers: d.request.headers,
      bodyBase64: toBase64(d.request.body),
      ...(d.request.truncated ? { truncated: true } : {}),
    },
    response: d.response && {
      status: d.response.status,
      headers: d.response.headers,
      bodyBase64: toBase64(d.response.body),
      bodyText: bodyAsText(d.response.body),
      truncated: d.response.truncated,
    },
  };
}
