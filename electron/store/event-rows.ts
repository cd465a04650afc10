import {
  type AckOutcome,
  type EventSummary,
  type ForwardStage,
  type ForwardState,
  type StoredEvent,
  parseHandshakeKind,
} from '../../shared/types';
import { readHeaders, readProvider, readVerification } from './json-columns';
import { readSchemaCheck } from './schema-columns';

/** Columns of a list row (everything but headers and body). */
export const SUMMARY_COLUMNS = `seq, id, endpoint_id, received_at, method, path, query, body_size, truncated, content_type,
  remote_addr, provider, provider_event_id, provider_event_type, provider_event_source, duplicate_of, handshake,
  verification, response_status, acked_at, acked_by, ack_outcome, note, imported_from, forward_stage, forward_attempts,
  forward_next_at, forward_reason, claimed_by, claim_session, claim_until, schema_violations`;

/** The columns holding an event's auto-forward state. */
export interface ForwardColumns {
  forward_stage: string | null;
  forward_attempts: number;
  forward_next_at: number | null;
  forward_reason: string | null;
}

/** A list row as SQLite returns it. */
export interface SummaryRow extends ForwardColumns {
  seq: number;
  id: string;
  endpoint_id: string;
  received_at: number;
  method: string;
  path: string;
  query: string;
  body_size: number;
  truncated: number;
  content_type: string | null;
  remote_addr: string | null;
  provider: string | null;
  provider_event_id: string | null;
  provider_event_type: string | null;
  provider_event_source: string | null;
  duplicate_of: string | null;
  handshake: string | null;
  verification: string;
  response_status: number;
  acked_at: number | null;
  acked_by: string | null;
  ack_outcome: string | null;
  note: string | null;
  imported_from: string | null;
  claimed_by: string | null;
  claim_session: string | null;
  claim_until: number | null;
  schema_violations: number | null;
}

/** A full row: summary plus headers and body. */
export interface FullRow extends SummaryRow {
  headers: string;
  body: Buffer;
  /** Read by the event's own query only (lists and searches leave it out). */
  schema_check?: string | null;
}

function readOutcome(text: string | null): AckOutcome | null {
  return text === 'done' || text === 'ignored' || text === 'failed' ? text : null;
}

const STAGES: readonly ForwardStage[] = ['pending', 'delivering', 'retrying', 'delivered', 'gave_up'];

/** The forward state in a row; null when the event is not auto-forwarded. */
export function readForward(r: ForwardColumns): ForwardState | null {
  const stage = STAGES.find((s) => s === r.forward_stage);
  if (!stage) return null;
  return {
    stage,
    attempts: r.forward_attempts,
    nextAttemptAt: r.forward_next_at,
    reason: r.forward_reason,
  };
}

/** Converts a list row into an EventSummary. */
export function toSummary(r: SummaryRow): EventSummary {
  return {
    seq: r.seq,
    id: r.id,
    endpointId: r.endpoint_id,
    receivedAt: r.received_at,
    method: r.method,
    path: r.path,
    query: r.query,
    bodySize: r.body_size,
    truncated: r.truncated === 1,
    contentType: r.content_type,
    remoteAddr: r.remote_addr,
    provider: readProvider(r.provider),
    providerEventId: r.provider_event_id,
    providerEventType: r.provider_event_type,
    providerEventSource: r.provider_event_source,
    duplicateOf: r.duplicate_of,
    handshake: parseHandshakeKind(r.handshake),
    verification: readVerification(r.verification),
    responseStatus: r.response_status,
    ackedAt: r.acked_at,
    ackedBy: r.acked_by,
    ackOutcome: readOutcome(r.ack_outcome),
    note: r.note,
    importedFrom: r.imported_from,
    forward: readForward(r),
    claim:
      r.claimed_by !== null && r.claim_session !== null && r.claim_until !== null
        ? { by: r.claimed_by, session: r.claim_session, until: r.claim_until }
        : null,
    schemaViolations: r.schema_violations,
  };
}

/** Converts a full row into a StoredEvent (body stays the Buffer SQLite gave us: no copy). */
export function toStored(r: FullRow): StoredEvent {
  return {
    ...toSummary(r),
    headers: readHeaders(r.headers),
    body: r.body,
    schemaCheck: readSchemaCheck(r.schema_check),
  };
}
