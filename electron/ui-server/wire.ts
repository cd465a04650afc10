import type { ApiDelivery, ApiEvent } from '../../shared/api';
import type { Delivery, StoredEvent } from '../../shared/types';
import { bodyAsText } from '../core/event-json';
import { claimedForwardedFor } from '../core/forwarded-for';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A stored event as JSON for the UI: body as base64, plus text when it is UTF-8. */
export function toApiEvent(event: StoredEvent): ApiEvent {
  const { body, ...rest } = event;
  return {
    ...rest,
    claimedForwardedFor: claimedForwardedFor(event.headers),
    bodyBase64: base64(body),
    bodyText: bodyAsText(body),
  };
}

/** A delivery attempt as JSON for the UI. */
export function toApiDelivery(d: Delivery): ApiDelivery {
  return {
    ...d,
    request: { method: d.request.method, headers: d.request.headers, bodyBase64: base64(d.request.body) },
    response: d.response
      ? {
          status: d.response.status,
          headers: d.response.headers,
          bodyBase64: base64(d.response.body),
          truncated: d.response.truncated,
        }
      : null,
  };
}
