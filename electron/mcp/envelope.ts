import { z } from 'zod';
import { type EventSummary, type ForwardState, type StoredEvent, isClaimLive } from '../../shared/types';
import { claimedForwardedFor } from '../core/forwarded-for';
import { bodyView, bodyViewSchema } from './body-view';
import { brief, jsonInt } from './lean-schema';

const str = z.string();
const maybe = z.string().nullable();

/** One event as an agent sees it: provenance first, the payload as clearly-marked data. */
export const envelopeSchema = z.object({
  event_id: str,
  seq: jsonInt('Position in the inbox; cursors are seq values'),
  endpoint_id: str,
  endpoint_label: maybe.describe('null once unregistered'),
  received_at: str,
  source_address: maybe.describe('Connection address (loopback through the tunnel)'),
  claimed_forwarded_for: z.array(str).optional().describe('From X-Forwarded-For etc.: CLAIMED, unverified'),
  method: str,
  path: str.describe('After the endpoint URL'),
  query: str,
  content_type: maybe,
  provider: maybe,
  provider_event_id: maybe,
  provider_event_type: maybe,
  duplicate_of: maybe.describe('Earlier event with the same provider event id'),
  answered: jsonInt('Status Hookline answered the sender'),
  forward: brief(
    z.object({
      stage: z.string(),
      attempts: jsonInt(),
      last_status: z.number().nullable(),
      last_error: maybe,
      next_retry_at: maybe,
    }),
  ).optional(),
  verification: brief(
    z.object({
      status: z.enum(['valid', 'invalid', 'unsigned', 'no_secret', 'error']),
      scheme: maybe,
      reason: str,
      fresh: z.boolean().nullable(),
    }),
  ),
  trusted: z.boolean().describe('Signature valid, or no secret on the endpoint'),
  schema_violations: jsonInt('Schema violations found (0: valid); absent when not checked').optional(),
  status: z.enum(['pending', 'acked', 'failed']),
  ack: brief(z.object({ at: str, by: maybe, outcome: maybe, note: maybe })).nullable(),
  claim: brief(z.object({ by: str, until: str, mine: z.boolean() }), 'Held:').optional(),
  headers: z
    .array(z.tuple([str, str]))
    .optional()
    .describe('In the order received'),
  body: brief(bodyViewSchema).optional(),
});

/**
 * An event in a list result: the same envelope, its JSON Schema given once, in get_event's output
 * (repeating it in every list tool would multiply the catalogue a model reads each session).
 */
export const eventItemSchema = envelopeSchema.meta({
  $schema: undefined,
  properties: undefined,
  required: undefined,
  additionalProperties: undefined,
  description: "As get_event's event",
});

/** See {@link envelopeSchema}. */
export type Envelope = z.infer<typeof envelopeSchema>;

/** What to include beyond the summary. */
export interface EnvelopeParts {
  headers?: boolean;
  /** Include the body, decoded and cut at this many bytes. */
  bodyBytes?: number;
  /** Give the body as base64 of the exact bytes. */
  raw?: boolean;
  /** Who reads, and when: a live claim is shown, marked `mine` when this session holds it. */
  viewer?: { session: string; now: number };
}

/** An auto-forward's state for an agent: `reason` is `HTTP <status>` or the network error it met. */
function forwardView(f: ForwardState): NonNullable<Envelope['forward']> {
  const http = f.reason ? /^HTTP (\d{3})$/.exec(f.reason) : null;
  return {
    stage: f.stage,
    attempts: f.attempts,
    last_status: http ? Number(http[1]) : null,
    last_error: http ? null : f.reason,
    next_retry_at: f.nextAttemptAt === null ? null : new Date(f.nextAttemptAt).toISOString(),
  };
}

function isStored(e: EventSummary | StoredEvent): e is StoredEvent {
  return 'body' in e;
}

/** Wraps an event for an agent. Headers/body need a StoredEvent. */
export function envelope(
  e: EventSummary | StoredEvent,
  endpointLabel: string | null,
  trusted: boolean,
  parts: EnvelopeParts = {},
): Envelope {
  const out: Envelope = {
    event_id: e.id,
    seq: e.seq,
    endpoint_id: e.endpointId,
    endpoint_label: endpointLabel,
    received_at: new Date(e.receivedAt).toISOString(),
    source_address: e.remoteAddr,
    method: e.method,
    path: e.path,
    query: e.query,
    content_type: e.contentType,
    provider: e.provider,
    provider_event_id: e.providerEventId,
    provider_event_type: e.providerEventType,
    duplicate_of: e.duplicateOf,
    answered: e.responseStatus,
    verification: {
      status: e.verification.status,
      scheme: e.verification.scheme,
      reason: e.verification.reason,
      fresh: e.verification.fresh,
    },
    trusted,
    status: e.ackedAt === null ? 'pending' : e.ackOutcome === 'failed' ? 'failed' : 'acked',
    ack:
      e.ackedAt === null
        ? null
        : { at: new Date(e.ackedAt).toISOString(), by: e.ackedBy, outcome: e.ackOutcome, note: e.note },
  };
  const viewer = parts.viewer;
  if (viewer && e.claim && isClaimLive(e, viewer.now)) {
    out.claim = {
      by: e.claim.by,
      until: new Date(e.claim.until).toISOString(),
      mine: e.claim.session === viewer.session,
    };
  }
  if (e.forward) out.forward = forwardView(e.forward);
  // Only when checked: most events have no schema, and every key is read by the agent's model.
  if (e.schemaViolations !== null) out.schema_violations = e.schemaViolations;
  if (isStored(e)) {
    out.claimed_forwarded_for = claimedForwardedFor(e.headers);
    if (parts.headers) out.headers = e.headers;
    if (parts.bodyBytes !== undefined) out.body = bodyView(e.body, parts.bodyBytes, e.truncated, parts.raw);
  }
  return out;
}
