import type { StoredEvent } from '../../shared/types';
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

/**
 * A whole event as JSON for scripts: every field, headers in order, body as base64 and (when UTF-8) as
 * text; `claimedForwardedFor` lists what the sender claims in forwarding headers (unverified).
 */
export function eventToJson(event: StoredEvent): Record<string, unknown> {
  const { body, ...rest } = event;
  return {
    ...rest,
    receivedAtIso: new Date(event.receivedAt).toISOString(),
    claimedForwardedFor: claimedForwardedFor(event.headers),
    bodyBase64: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
    bodyText: bodyAsText(body),
  };
}
