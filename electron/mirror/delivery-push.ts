import { DELIVERY_BODY_LIMIT } from '../../shared/relay-wire';
import type { Delivery } from '../../shared/types';
import { toBase64 } from '../core/event-json';
import type { RelayDeliveryBody } from './relay-client';

/** A body cut to the relay's bound, as base64, saying whether it was cut. */
function bounded(body: Uint8Array, alreadyCut: boolean): { bodyBase64: string; truncated: boolean } {
  const cut = body.byteLength > DELIVERY_BODY_LIMIT;
  return {
    bodyBase64: toBase64(cut ? body.subarray(0, DELIVERY_BODY_LIMIT) : body),
    truncated: cut || alreadyCut,
  };
}

/**
 * The relay's copy of a replay made here, or null when it is not one to send: forwards stay on the
 * laptop that owns their target, an attempt still running is sent when it ends, and one recorded
 * from the relay (`by` set) came from there.
 */
export function replayForRelay(d: Delivery): RelayDeliveryBody | null {
  if (d.kind !== 'replay' || d.by || d.durationMs === null) return null;
  return {
    targetUrl: d.targetUrl,
    startedAt: d.startedAt,
    durationMs: d.durationMs,
    request: {
      method: d.request.method,
      headers: d.request.headers,
      ...bounded(d.request.body, d.request.truncated ?? false),
    },
    response: d.response && {
      status: d.response.status,
      headers: d.response.headers,
      ...bounded(d.response.body, d.response.truncated),
    },
    error: d.error,
  };
}
