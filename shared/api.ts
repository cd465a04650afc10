/**
 * The UI API: the one typed contract between the core's UI server and the renderer (and the desktop shell).
 * Calls are `POST /api/<method>` with the params as JSON → the result as JSON, or {@link ApiErrorBody}
 * (`{error: {code, message, field?, issues?}}`) with 400 (invalid) / 401 / 403 / 404 (not_found) / 409 (conflict) / 503 (unavailable) / 500.
 * Changes arrive on `GET /api/stream` (Server-Sent Events): `event: change`, `data:` a {@link Change}.
 * Params are declared as zod schemas (the server validates every body with them); results as types.
 * Bytes travel as base64 strings because JSON has no binary type.
 */
import { z } from 'zod';
import type {
  ApiAgent,
  ApiDelivery,
  ApiEndpoint,
  ApiEndpointUrls,
  ApiEvent,
  ApiEventRow,
  ApiMcpSnippet,
  ApiStatus,
  ApiTriggerResult,
  ApiTriggerType,
} from './api-wire';
import type { ChaosJob, ChaosRun, ChaosRunSummary } from './chaos';
import type { EventDiff } from './event-diff';
import type { RelayView } from './relay-text';
import { type SchemaApiResults, schemaApiParams } from './schema-api';
import type { Endpoint, EndpointWithSecrets, FieldIssue, SearchInfo, Verification } from './types';

const headerPairs = z.array(z.tuple([z.string().min(1).max(256), z.string().max(16_384)])).max(200);
const id = z.string().min(1).max(200);
const verificationStatus = z.enum(['valid', 'invalid', 'unsigned', 'no_secret', 'error']);

const customResponse = z.object({
  status: z.number().int().min(100).max(599),
  headers: headerPairs,
  body: z.string().max(1024 * 1024),
  delayMs: z.number().int().min(0).max(60_000),
});

// Shapes and sizes only: the core checks meaning (header syntax, URL, tolerance range) and answers
// with a message for people, which the endpoint dialog shows next to the field.
const genericHmac = z.strictObject({
  header: z.string().max(256),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']),
  encoding: z.enum(['hex', 'base64']),
  prefix: z.string().max(64),
});

/** Verification settings as the UI sends them; null clears an optional one (back to the default). */
const verifyPatch = z
  .strictObject({
    toleranceSeconds: z.number(),
    publicUrl: z.string().max(2048).nullable(),
    generic: genericHmac.nullable(),
  })
  .partial();

/** A custom response's shape and sizes, and generic HMAC settings (also the relay API's, electron/relay/wire.ts). */
export { customResponse as customResponseSchema, genericHmac as genericHmacSchema };

/** Verification settings in endpoints.create / endpoints.update params. */
export type ApiVerifyPatch = z.infer<typeof verifyPatch>;

const endpointFields = {
  label: z.string().min(1).max(64),
  provider: z.string().max(40),
  secrets: z.array(z.string().max(1024)).max(10),
  rejectInvalid: z.boolean(),
  forwardUrl: z.string().max(2048).nullable(),
  response: customResponse.nullable(),
  paused: z.boolean(),
  verify: verifyPatch,
};

/** Filters of the event list, as the UI sends them. */
export const eventFilterSchema = z.strictObject({
  endpointIds: z.array(id).max(500).optional(),
  methods: z.array(z.string().min(1).max(20)).max(20).optional(),
  verification: z.array(verificationStatus).max(5).optional(),
  acked: z.boolean().optional(),
  /** true: only events acked as failed (the dead letter); false: none of them. */
  failed: z.boolean().optional(),
  /** Provider event types, exactly (`invoice.paid`). */
  eventTypes: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** Provider event types by glob, any of them: `*` matches any run of characters (`invoice.*`). */
  typeGlobs: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  /** Forwards/replays: some attempt got a 2xx, attempts but none did, or none made. */
  delivery: z.enum(['delivered', 'failed', 'none']).optional(),
  /** Substring search: words, "phrases", -exclude, header:/path:/body:/type: scoping. */
  text: z.string().max(500).optional(),
  /** By the last automatic forward's outcome; 'none': never forwarded. */
  forward: z.enum(['delivered', 'retrying', 'failed', 'none']).optional(),
  /** Only events whose schema check found violations. */
  schemaViolations: z.boolean().optional(),
});

// Who forwards an endpoint's events while a relay is mirrored (core/forward-from.ts).
const forwardFrom = z.enum(['auto', 'relay', 'here']);

/** Zod schemas of every method's params: the server parses each request body with the matching one. */
export const apiParams = {
  'status.get': z.strictObject({}),
  'endpoints.list': z.strictObject({}),
  'endpoints.create': z.strictObject({
    ...endpointFields,
    provider: endpointFields.provider.optional(),
    secrets: endpointFields.secrets.optional(),
    rejectInvalid: endpointFields.rejectInvalid.optional(),
    forwardUrl: endpointFields.forwardUrl.optional(),
    response: endpointFields.response.optional(),
    paused: endpointFields.paused.optional(),
    verify: endpointFields.verify.optional(),
    generateSecret: z.boolean().optional(),
    forwardFrom: forwardFrom.optional(),
  }),
  'endpoints.update': z.strictObject({
    id,
    patch: z
      .strictObject({
        ...endpointFields,
        // Stored secrets are never sent to the UI: rotation adds new ones (first, so replays are
        // re-signed with the newest) and removes old ones by position, without retyping any.
        addSecrets: z.array(z.string().max(1024)).max(10),
        removeSecretsAt: z.array(z.number().int().min(0).max(9)).max(10),
        forwardFrom,
      })
      .partial(),
  }),
  'endpoints.delete': z.strictObject({ id, purgeEvents: z.boolean().optional() }),
  'events.list': eventFilterSchema.extend({
    order: z.enum(['asc', 'desc']).optional(),
    cursor: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'events.count': eventFilterSchema,
  'events.summaries': z.strictObject({ ids: z.array(id).max(1000) }),
  'events.types': z.strictObject({}),
  'events.get': z.strictObject({ id }),
  'events.ack': z.strictObject({
    ids: z.array(id).min(1).max(1000),
    outcome: z.enum(['done', 'ignored', 'failed']).optional(),
    note: z.string().max(2000).nullable().optional(),
  }),
  'events.unack': z.strictObject({ ids: z.array(id).min(1).max(1000) }),
  'events.ackMatching': z.strictObject({ filter: eventFilterSchema }),
  'events.reverify': z.strictObject({
    id,
    secrets: z.array(z.string().max(1024)).max(10).optional(),
    provider: z.string().max(40).optional(),
    save: z.boolean().optional(),
  }),
  'events.replay': z.strictObject({
    id,
    targetUrl: z.string().max(2048).optional(),
    resign: z.boolean().optional(),
    edits: z
      .strictObject({
        method: z.string().min(1).max(20).optional(),
        path: z.string().max(4096).optional(),
        headers: headerPairs.optional(),
        bodyBase64: z
          .string()
          .max(16 * 1024 * 1024)
          .optional(),
      })
      .optional(),
  }),
  /** The event as a curl command (the same exporter as `hookline export --format curl`). */
  'events.curl': z.strictObject({ id, targetUrl: z.string().max(2048).optional() }),
  'deliveries.list': z.strictObject({ eventId: id }),
  'agents.list': z.strictObject({}),
  'events.diff': z.strictObject({ a: id, b: id }),
  'trigger.types': z.strictObject({ provider: z.string().min(1).max(40).optional() }),
  /** A fresh example body of one catalogue type, for the user to edit before sending. */
  'trigger.example': z.strictObject({
    provider: z.string().min(1).max(40),
    type: z.string().min(1).max(200),
  }),
  'trigger.send': z.strictObject({
    provider: z.string().min(1).max(40),
    type: z.string().min(1).max(200),
    /** Endpoint id: through the receiver, signed with its secret (or `secret`). */
    endpointId: id.optional(),
    /** Straight to this URL instead. */
    targetUrl: z.string().max(2048).optional(),
    secret: z.string().max(1024).optional(),
    sets: z.array(z.string().max(4096)).max(100).optional(),
    /** A body of the user's own (the editor's text), sent and signed as given. */
    bodyText: z
      .string()
      .max(1024 * 1024)
      .optional(),
    count: z.number().int().min(1).max(100).optional(),
  }),
  /** The relay this inbox mirrors and where the mirror stands. */
  'relay.status': z.strictObject({}),
  /** Checks the relay and token (whoami), then saves them: the receiving process mirrors it. */
  'relay.connect': z.strictObject({
    url: z.string().min(1).max(2048),
    token: z.string().min(1).max(512),
  }),
  /** Stops mirroring (mirrored events and endpoints stay). */
  'relay.disconnect': z.strictObject({}),
  'chaos.runs': z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
  'chaos.get': z.strictObject({ id }),
  /**
   * Starts a chaos run in the serving process (the same code as `hookline chaos`): the events named,
   * or the newest `limit` matching `filter`; refused when the target cannot be reached.
   */
  'chaos.start': z.strictObject({
    targetUrl: z.string().min(1).max(2048),
    eventIds: z.array(id).min(1).max(200).optional(),
    filter: eventFilterSchema.optional(),
    limit: z.number().int().min(1).max(200).optional(),
    duplicates: z.number().min(0).max(1),
    reorder: z.boolean(),
    burst: z.number().int().min(1).max(50),
    delayMs: z.tuple([z.number().int().min(0).max(60_000), z.number().int().min(0).max(60_000)]),
    seed: z.string().max(100).optional(),
  }),
  /** Where a started run stands (sent so far, then the saved run's id). */
  'chaos.job': z.strictObject({ jobId: id }),
  ...schemaApiParams,
} as const;

/** A method name of the UI API. */
export type ApiMethod = keyof typeof apiParams;

/** Params of a method (what the client sends). */
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;

/** Filters of the event list. */
export type EventFilter = z.infer<typeof eventFilterSchema>;

// The result shapes live in api-wire.ts; re-exported so `shared/api` stays the one contract to import.
export type * from './api-wire';
export type { ApiAttachedSchema } from './schema-api';

/** Result types of every method. */
export interface ApiResults extends SchemaApiResults {
  'status.get': ApiStatus;
  'endpoints.list': { endpoints: ApiEndpoint[] };
  'endpoints.create': { endpoint: EndpointWithSecrets & { urls: ApiEndpointUrls } };
  'endpoints.update': { endpoint: Endpoint };
  'endpoints.delete': { deletedEvents: number };
  /** With a text search, `search` says what the results could not promise (indexing, partly searched, stopped). */
  'events.list': { events: ApiEventRow[]; nextCursor: number | null; search?: SearchInfo };
  /** How many events match; a text search stops counting at a cap (capped: true, show "10,000+"). */
  'events.count': { count: number; capped: boolean; search?: SearchInfo };
  'events.summaries': { events: ApiEventRow[] };
  /** The distinct event types stored, alphabetically; `more`: only the first ones are listed. */
  'events.types': { types: string[]; more: boolean };
  'events.get': { event: ApiEvent };
  'events.ack': { results: Array<{ eventId: string; result: 'acked' | 'already_acked' | 'not_found' }> };
  'events.unack': { results: boolean[] };
  /** The ids acked (for undo), newest first. */
  'events.ackMatching': { acked: number; ids: string[] };
  'events.reverify': { verification: Verification };
  'events.replay': { delivery: ApiDelivery };
  /** A bash/zsh command reproducing the request byte for byte, and notes on how (shown beside it). */
  'events.curl': { command: string; notes: string[] };
  'deliveries.list': { deliveries: ApiDelivery[] };
  'agents.list': { agents: ApiAgent[]; snippets: ApiMcpSnippet[] };
  'events.diff': { diff: EventDiff };
  'trigger.types': { types: ApiTriggerType[] };
  /** The example as it would be sent (JSON pretty-printed; form bodies as `a=1&b=2`). */
  'trigger.example': { provider: string; type: string; bodyText: string; contentType: string };
  'trigger.send': { results: ApiTriggerResult[] };
  'relay.status': { relay: RelayView | null };
  /** The member the token belongs to and the relay's public URL, as the relay said. */
  'relay.connect': { relay: RelayView; member: string; readOnly: boolean; publicUrl: string | null };
  'relay.disconnect': { relay: null };
  'chaos.runs': { runs: ChaosRunSummary[] };
  'chaos.get': { run: ChaosRun };
  'chaos.start': { job: ChaosJob };
  'chaos.job': { job: ChaosJob };
}

/** Result of a method. */
export type ApiResult<M extends ApiMethod> = ApiResults[M];

/**
 * The error body of a failed call. `message` is for people; `field` and `issues` are for forms.
 * Fields are dotted paths into the params (`label`, `verify.toleranceSeconds`, `response.headers.0.0`);
 * endpoints.update names the fields of its `patch` the same way endpoints.create does (`label`, not
 * `patch.label`), so one endpoint form reads both. An empty field means the params as a whole.
 */
export interface ApiErrorBody {
  error: {
    code: 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable' | 'internal';
    message: string;
    /** The one field at fault, when there is one. */
    field?: string;
    /** Every field at fault, e.g. each failed check of the params. */
    issues?: FieldIssue[];
  };
}

/** True when a failed call's body is an {@link ApiErrorBody} (anything else came from something other than the core). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** The SSE event name for changes on `/api/stream`. */
export const STREAM_EVENT = 'change';
