/**
 * The relay API's wire shapes (`/api/relay/v1`, docs/RELAY.md): what the relay answers and what a
 * desktop mirror reads. Bytes travel as base64 (JSON has no binary type). Types only: each side
 * validates what it receives.
 */
import type { Endpoint, EventSummary, HeaderPair, StoredEvent } from './types';

/** A whole event on the relay wire: every stored field, headers in order, the exact body as base64. */
export interface RelayWireEvent extends Omit<StoredEvent, 'body'> {
  bodyBase64: string;
}

/** An endpoint on the relay wire: never its secrets; `url` is the relay's public URL + `/h/<id>`. */
export interface RelayWireEndpoint extends Endpoint {
  url: string;
}

/**
 * A replay made on a desktop, on the wire: `POST /events/<id>/deliveries` sends it (without id, by and
 * eventId), the feed's `delivery.recorded` item carries it, and the relay's own forward attempts
 * (`kind: 'forward'`, `by: 'relay'`, with their attempt number). Bodies are base64, each cut to
 * DELIVERY_BODY_LIMIT bytes by the sender (`truncated` says so).
 */
export interface RelayWireDelivery {
  id: number;
  eventId: string;
  /** `member/actor` as the relay recorded it; `relay` for the relay's own forwards. */
  by: string;
  kind: 'replay' | 'forward';
  /** A forward's attempt number (absent: 1). */
  attempt?: number;
  targetUrl: string;
  startedAt: number;
  durationMs: number | null;
  request: { method: string; headers: HeaderPair[]; bodyBase64: string; truncated: boolean };
  response: { status: number; headers: HeaderPair[]; bodyBase64: string; truncated: boolean } | null;
  error: string | null;
}

/** Bytes of each body (request, response) a replay carries to the relay; beyond, it is cut. */
export const DELIVERY_BODY_LIMIT = 64 * 1024;

/** A body cut to DELIVERY_BODY_LIMIT, saying whether it was cut (here, or before: `cut`). */
export function boundedBody(body: Uint8Array, cut: boolean): { body: Uint8Array; truncated: boolean } {
  const over = body.byteLength > DELIVERY_BODY_LIMIT;
  return { body: over ? body.subarray(0, DELIVERY_BODY_LIMIT) : body, truncated: over || cut };
}

/** One feed item on the wire (see RelayFeedItem in electron/core/relay-ports.ts). */
export type RelayWireFeedItem =
  | { id: number; kind: 'event.created'; at: number; event: RelayWireEvent }
  | { id: number; kind: 'event.updated'; at: number; event: EventSummary }
  | { id: number; kind: 'delivery.recorded'; at: number; delivery: RelayWireDelivery }
  | {
      id: number;
      kind: 'endpoint.changed';
      at: number;
      endpointId: string;
      endpoint: RelayWireEndpoint | null;
    };

/** `GET /feed`. */
export interface RelayWireFeedPage {
  items: RelayWireFeedItem[];
  /** Pass back as `after`: past the last item (and past changes the feed does not carry). */
  next: number;
  hasMore: boolean;
}

/** `GET /whoami`. */
export interface RelayWireWhoami {
  member: string;
  readOnly: boolean;
  relay: { publicUrl: string; version: string; store: 'sqlite' | 'postgres' };
}

/** `POST /events/ack`: one result per id, in order. */
export interface RelayWireAckResults {
  results: { eventId: string; result: 'acked' | 'already_acked' | 'not_found' }[];
}

/** `POST /events/unack`: one result per id, in order (false: was not acked, or unknown). */
/** `POST /events/claim`: one result per id given (false: another session holds it, it is acked, or unknown). */
export interface RelayWireClaimResults {
  /** When the claims taken lapse (the relay's clock, ms since epoch). */
  until: number;
  results: { eventId: string; claimed: boolean }[];
}

/** `POST /events/release`: one result per id given (false: this holder held no claim on it). */
export interface RelayWireReleaseResults {
  results: { eventId: string; released: boolean }[];
}

export interface RelayWireUnackResults {
  results: { eventId: string; unacked: boolean }[];
}

/** Every error: `code` is stable (unauthorized, read_only, bad_request, not_found, method_not_allowed, conflict, cursor_expired, cursor_ahead, too_large, unavailable). */
export interface RelayWireError {
  error: {
    code: string;
    message: string;
    /** The input field at fault, when there is one. */
    field?: string;
    /** For `cursor_expired`: the oldest feed id still held; resume with `after = oldest - 1`, knowing items before it are gone. */
    oldest?: number;
    /** For `cursor_ahead`: the newest feed id this relay has (the cursor came from another relay, or one since reset). */
    head?: number;
  };
}
