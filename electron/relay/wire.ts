import { z } from 'zod';
import { customResponseSchema, genericHmacSchema } from '../../shared/api';
import {
  DELIVERY_BODY_LIMIT,
  type RelayWireDelivery,
  type RelayWireEndpoint,
  type RelayWireEvent,
  type RelayWireFeedItem,
} from '../../shared/relay-wire';
import type { Endpoint, StoredEvent } from '../../shared/types';
import { MAX_CLAIM_SECONDS } from '../core/claims';
import { toBase64 } from '../core/event-json';
import type { RelayDelivery, RelayFeedItem } from '../core/relay-ports';

/** Page bounds of the feed (docs/RELAY.md). */
export const FEED_LIMITS = {
  defaultItems: 500,
  maxItems: 1_000,
  /** About this many body bytes per page (a page always holds at least one item). */
  maxBytes: 4 * 1024 * 1024,
  maxWaitSeconds: 30,
} as const;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `GET /feed` query. */
export const feedQuery = z.strictObject({
  after: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: wholeNumber(1, FEED_LIMITS.maxItems).default(FEED_LIMITS.defaultItems),
  wait: wholeNumber(0, FEED_LIMITS.maxWaitSeconds).default(0),
});

/** `GET /events?after=N&limit=L`: the events held, by seq. */
export const eventsQuery = z.strictObject({
  after: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: wholeNumber(1, FEED_LIMITS.maxItems).default(FEED_LIMITS.defaultItems),
});

// The UI API's shapes and sizes for a custom response and generic HMAC settings (shared/api.ts);
// verify options here are partial without nulls (a field left out keeps its value).
const verify = z
  .strictObject({
    toleranceSeconds: z.number(),
    publicUrl: z.string().max(2048),
    generic: genericHmacSchema,
  })
  .partial();

const endpointFields = {
  label: z.string().min(1).max(64),
  provider: z.string().max(40),
  secrets: z.array(z.string().max(1024)).max(10),
  rejectInvalid: z.boolean(),
  forwardUrl: z.string().max(2048).nullable(),
  response: customResponseSchema.nullable(),
  verify,
};

/** `POST /endpoints` body: the id is optional (a desktop mirroring its own endpoint keeps its id). */
export const createEndpointBody = z.strictObject({
  ...endpointFields,
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16–64 URL-safe characters')
    .optional(),
  provider: endpointFields.provider.optional(),
  secrets: endpointFields.secrets.optional(),
  rejectInvalid: endpointFields.rejectInvalid.optional(),
  forwardUrl: endpointFields.forwardUrl.optional(),
  response: endpointFields.response.optional(),
  verify: endpointFields.verify.optional(),
});

/** `PATCH /endpoints/<id>` body: some of the fields, plus paused and archived. */
export const patchEndpointBody = z
  .strictObject({ ...endpointFields, paused: z.boolean(), archived: z.boolean() })
  .partial();

const eventIds = z.array(z.string().min(1).max(200)).min(1).max(1_000);

/** `POST /events/ack` body. */
export const ackBody = z.strictObject({
  ids: eventIds,
  outcome: z.enum(['done', 'ignored', 'failed']).optional(),
  note: z.string().max(4_000).nullable().optional(),
  /** Who acted for the member (an agent, a teammate's tool): recorded as `member/actor`. */
  actor: z
    .string()
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:@-]{0,63}$/u, 'must be 1–64 letters, digits or . _ : @ - and spaces')
    .optional(),
});

// Base64 of at most DELIVERY_BODY_LIMIT bytes: the sender cuts bodies (and says so), the relay refuses more.
const bodyBase64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .refine((b) => Buffer.byteLength(b, 'base64') <= DELIVERY_BODY_LIMIT, {
    message: `must be at most ${DELIVERY_BODY_LIMIT} bytes (cut it and set truncated)`,
  });
const wireHeaders = z.array(z.tuple([z.string().max(1_024), z.string().max(16_384)])).max(200);
const millis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `POST /events/<id>/deliveries` body: a replay a desktop made of this event. */
export const deliveryBody = z.strictObject({
  targetUrl: z.string().min(1).max(2048),
  startedAt: millis,
  durationMs: millis.nullable(),
  request: z.strictObject({
    method: z.string().min(1).max(16),
    headers: wireHeaders,
    bodyBase64,
    truncated: z.boolean(),
  }),
  response: z
    .strictObject({
      status: z.number().int().min(100).max(599),
      headers: wireHeaders,
      bodyBase64,
      truncated: z.boolean(),
    })
    .nullable(),
  error: z.string().max(2_000).nullable(),
  /** Who replayed it for the member (the GUI, the CLI, an agent): recorded as `member/actor`. */
  actor: ackBody.shape.actor,
});

// Who holds a claim for the member: a desktop's agent session (scoped to the member by the relay).
const claimHolder = z.string().regex(
  // A desktop's holder starts with its data-directory id, base64url: it may begin with - or _.
  /^[\p{L}\p{N}._:@/-][\p{L}\p{N} ._:@/-]{0,199}$/u,
  'must be 1–200 letters, digits or . _ : @ / - and spaces (not first)',
);

/** `POST /events/claim` body: claim pending events for `forSeconds` (the relay's clock decides when they lapse). */
export const claimBody = z.strictObject({
  ids: eventIds,
  holder: claimHolder,
  forSeconds: z.number().int().min(1).max(MAX_CLAIM_SECONDS),
  actor: ackBody.shape.actor,
});

/** `POST /events/release` body. */
export const releaseBody = z.strictObject({ ids: eventIds, holder: claimHolder });

/** `POST /events/unack` body. */
export const unackBody = z.strictObject({ ids: eventIds });

/** An endpoint as the API shows it: no secrets, and the URL senders use. */
export function wireEndpoint(endpoint: Endpoint, publicUrl: string): RelayWireEndpoint {
  const { secrets: _secrets, ...shown } = endpoint as Endpoint & { secrets?: unknown };
  return { ...shown, url: `${publicUrl}/h/${endpoint.id}` };
}

/** A whole event on the wire: the body as base64. */
export function wireEvent(event: StoredEvent): RelayWireEvent {
  const { body, ...rest } = event;
  return { ...rest, bodyBase64: toBase64(body) };
}

/** A recorded replay on the wire: bodies as base64. */
export function wireDelivery(d: RelayDelivery): RelayWireDelivery {
  const { request, response, ...rest } = d;
  const { body, ...req } = request;
  return {
    ...rest,
    request: { ...req, bodyBase64: toBase64(body) },
    response: response && {
      status: response.status,
      headers: response.headers,
      bodyBase64: toBase64(response.body),
      truncated: response.truncated,
    },
  };
}

/** A feed item on the wire. */
export function wireFeedItem(item: RelayFeedItem, publicUrl: string): RelayWireFeedItem {
  switch (item.kind) {
    case 'event.created':
      return { ...item, event: wireEvent(item.event) };
    case 'event.updated':
      return item;
    case 'delivery.recorded':
      return { ...item, delivery: wireDelivery(item.delivery) };
    case 'endpoint.changed':
      return { ...item, endpoint: item.endpoint && wireEndpoint(item.endpoint, publicUrl) };
  }
}
