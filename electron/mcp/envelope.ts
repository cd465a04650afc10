import { z } from 'zod';
import type { EventSummary, StoredEvent } from '../../shared/types';
import { claimedForwardedFor } from '../core/forwarded-for';
import { bodyView, bodyViewSchema } from './body-view';

/** One event as an agent sees it: provenance first, the payload as clearly-marked data. */
export const envelopeSchema = z.object({
  event_id: z.string(),
  seq: z.number().int().describe('Position in the inbox; cursors are seq values'),
  endpoint_id: z.string(),
  endpoint_label: z.string().nullable().describe('null when the endpoint was unregistered'),
  received_at: z.string().describe('ISO 8601 time the request arrived'),
  source_address: z
    .string()
    .nullable()
    .describe('Address of the connection the request came on (loopback for requests through the tunnel)'),
  claimed_forwarded_for: z
    .array(z.string())
    .optional()
    .describe(
      'Addresses the sender CLAIMS in X-Forwarded-For and similar headers: unverified, anyone can send them',
    ),
  method: z.string(),
  path: z.string().describe('Path after the endpoint URL'),
  query: z.string(),
  content_type: z.string().nullable(),
  provider: z.string().nullable(),
  provider_event_id: z.string().nullable(),
  provider_event_type: z.string().nullable(),
  duplicate_of: z
    .string()
    .nullable()
    .describe('Earlier event with the same provider event id (a redelivery)'),
  verification: z.object({
    status: z.enum(['valid', 'invalid', 'unsigned', 'no_secret', 'error']),
    scheme: z.string().nullable(),
    reason: z.string(),
    fresh: z.boolean().nullable(),
  }),
  trusted: z.boolean().describe('Signature valid, or the endpoint has no secret (unsigned by design)'),
  status: z.enum(['pending', 'acked']),
  ack: z
    .object({
      at: z.string(),
      by: z.string().nullable(),
      outcome: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  headers: z
    .array(z.tuple([z.string(), z.string()]))
    .optional()
    .describe('Headers in the order received'),
  body: bodyViewSchema.optional(),
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
    verification: {
      status: e.verification.status,
      scheme: e.verification.scheme,
      reason: e.verification.reason,
      fresh: e.verification.fresh,
    },
    trusted,
    status: e.ackedAt === null ? 'pending' : 'acked',
    ack:
      e.ackedAt === null
        ? null
        : { at: new Date(e.ackedAt).toISOString(), by: e.ackedBy, outcome: e.ackOutcome, note: e.note },
  };
  if (isStored(e)) {
    out.claimed_forwarded_for = claimedForwardedFor(e.headers);
    if (parts.headers) out.headers = e.headers;
    if (parts.bodyBytes !== undefined) out.body = bodyView(e.body, parts.bodyBytes, e.truncated, parts.raw);
  }
  return out;
}
