/**
 * The relay API's answers as the mirror reads them (docs/RELAY.md): everything from the relay is
 * unknown until these schemas say otherwise. Objects are not strict, so a newer relay may add fields.
 */
import { z } from 'zod';
import { diagnosticsSchema, headerPairsSchema, verificationSchema } from '../../shared/record-schemas';
import { HANDSHAKE_KINDS, parseProviderName } from '../../shared/types';
import type { Endpoint, EventSummary } from '../../shared/types';
import type { RelayEventItem } from '../core/mirror';

const provider = z.string().transform((p) => parseProviderName(p) ?? 'auto');
const providerOrNull = z
  .string()
  .nullable()
  .transform((p) => (p === null ? null : (parseProviderName(p) ?? null)));
const headerPairs = headerPairsSchema;

// A newer relay may know schemes and diagnostics this desktop does not: they read as none.
const verification = verificationSchema.extend({
  scheme: verificationSchema.shape.scheme.catch(null),
  diagnostics: diagnosticsSchema.optional().catch(undefined),
});

const endpoint = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  provider,
  secretCount: z.number().int().catch(0),
  rejectInvalid: z.boolean(),
  forwardUrl: z.string().nullable(),
  response: z
    .object({ status: z.number().int(), headers: headerPairs, body: z.string(), delayMs: z.number() })
    .nullable(),
  verify: z.object({
    toleranceSeconds: z.number(),
    publicUrl: z.string().optional(),
    generic: z
      .object({
        header: z.string(),
        algorithm: z.enum(['sha1', 'sha256', 'sha512']),
        encoding: z.enum(['hex', 'base64']),
        prefix: z.string(),
      })
      .optional(),
  }),
  createdAt: z.number(),
  createdBy: z.string(),
  paused: z.boolean().catch(false),
  archived: z.boolean().catch(false),
  expiresAt: z.number().nullable().catch(null),
  eventTypes: z.array(z.string()).nullable().catch(null),
});

const summaryFields = {
  seq: z.number().catch(0),
  id: z.string().min(1),
  endpointId: z.string().min(1),
  receivedAt: z.number(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  bodySize: z.number().catch(0),
  truncated: z.boolean(),
  contentType: z.string().nullable(),
  remoteAddr: z.string().nullable(),
  provider: providerOrNull,
  providerEventId: z.string().nullable(),
  providerEventType: z.string().nullable(),
  providerEventSource: z.string().nullable().catch(null),
  duplicateOf: z.string().nullable().catch(null),
  handshake: z.enum(HANDSHAKE_KINDS).nullable().catch(null),
  verification,
  responseStatus: z.number().int(),
  ackedAt: z.number().nullable(),
  ackedBy: z.string().nullable(),
  ackOutcome: z.enum(['done', 'ignored', 'failed']).nullable().catch(null),
  note: z.string().nullable(),
  importedFrom: z.string().nullable().catch(null),
  // The relay's forward state: taken where the relay forwards the event (core/forward-from.ts).
  forward: z
    .object({
      stage: z.enum(['pending', 'delivering', 'retrying', 'delivered', 'gave_up']),
      attempts: z.number().int(),
      nextAttemptAt: z.number().nullable(),
      reason: z.string().nullable(),
    })
    .nullable()
    .catch(null),
  // A claim taken on the relay (its claim API): local claiming agents skip the event while it lives.
  claim: z.object({ by: z.string(), session: z.string(), until: z.number() }).nullable().catch(null),
  // Schema checks run where the schemas are attached: the desktop checks what it mirrors itself.
  schemaViolations: z.null().catch(null),
};

const summary = z.object(summaryFields);

const storedEvent = z
  .object({
    ...summaryFields,
    headers: headerPairs,
    bodyBase64: z.string(),
    schemaCheck: z.null().catch(null),
  })
  .transform(({ bodyBase64, ...rest }) => ({ ...rest, body: Buffer.from(bodyBase64, 'base64') }));

// A teammate's replay, or the relay's own forward attempt: bodies as base64, each cut by its sender (truncated says so).
const delivery = z.object({
  eventId: z.string().min(1),
  by: z.string().min(1),
  kind: z.enum(['replay', 'forward']),
  attempt: z.number().int().min(1).optional(),
  targetUrl: z.string(),
  startedAt: z.number(),
  durationMs: z.number().nullable(),
  request: z
    .object({ method: z.string(), headers: headerPairs, bodyBase64: z.string(), truncated: z.boolean() })
    .transform(({ bodyBase64, ...rest }) => ({ ...rest, body: Buffer.from(bodyBase64, 'base64') })),
  response: z
    .object({
      status: z.number().int(),
      headers: headerPairs,
      bodyBase64: z.string(),
      truncated: z.boolean(),
    })
    .transform(({ bodyBase64, ...rest }) => ({ ...rest, body: Buffer.from(bodyBase64, 'base64') }))
    .nullable(),
  error: z.string().nullable(),
});

const feedItem = z.discriminatedUnion('kind', [
  z.object({ id: z.number().int(), kind: z.literal('event.created'), event: storedEvent }),
  z.object({ id: z.number().int(), kind: z.literal('event.updated'), event: summary }),
  z.object({ id: z.number().int(), kind: z.literal('delivery.recorded'), delivery }),
  z.object({
    id: z.number().int(),
    kind: z.literal('endpoint.changed'),
    endpointId: z.string().min(1),
    endpoint: endpoint.nullable(),
  }),
]);

/** `GET /whoami`. */
export const whoamiSchema = z.object({
  member: z.string(),
  readOnly: z.boolean(),
  relay: z.object({ publicUrl: z.string().nullable(), version: z.string().optional() }),
});

/** `GET /feed`: a page, and (when the relay says) its newest id. */
export const feedPageSchema = z.object({
  items: z.array(feedItem),
  next: z.number().int(),
  hasMore: z.boolean(),
  head: z.number().int().optional(),
});

/** `GET /events?after=`: the events the relay holds, by seq (what a mirror whose cursor expired reads). */
export const eventsPageSchema = z.object({
  events: z.array(storedEvent),
  next: z.number().int(),
  hasMore: z.boolean(),
});

/** One parsed page of `GET /events`. */
export type EventsPage = z.infer<typeof eventsPageSchema>;

/** `GET /endpoints`. */
export const endpointListSchema = z.object({ endpoints: z.array(endpoint) });

/** `POST /events/ack`. */
export const ackResultsSchema = z.object({
  results: z.array(z.union([z.string(), z.object({ result: z.string() }).transform((r) => r.result)])),
});

/** `GET /events/<id>`: the event (its summary is what the mirror takes). */
export const eventSchema = z.union([z.object({ event: storedEvent }).transform((e) => e.event), storedEvent]);

/** The relay's error body. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), oldest: z.number().int().optional() }),
});

/** One parsed feed item. */
export type FeedItem =
  | RelayEventItem
  | { id: number; kind: 'endpoint.changed'; endpointId: string; endpoint: Endpoint | null };

/** A feed page as the mirror applies it. */
export interface FeedPage {
  items: FeedItem[];
  next: number;
  hasMore: boolean;
  head?: number | undefined;
}

/** `POST /events/<id>/deliveries`. */
export const recordedSchema = z.object({ delivery: z.object({ id: z.number().int() }) });

/** Reads a feed page (throws a ZodError when the relay sent something else). */
export function parseFeedPage(value: unknown): FeedPage {
  return feedPageSchema.parse(value);
}

/** Reads an endpoint list. */
export function parseEndpoints(value: unknown): Endpoint[] {
  return endpointListSchema.parse(value).endpoints;
}

/** Reads one event. */
export function parseEvent(value: unknown): EventSummary {
  return eventSchema.parse(value);
}

/** The answer of `POST /events/claim`: when the claims lapse, and one result per id. */
export const claimResultsSchema = z.object({
  until: z.number(),
  results: z.array(z.object({ eventId: z.string(), claimed: z.boolean() })),
});
