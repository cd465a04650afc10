import {
  type AckOutcome,
  type EndpointWithSecrets,
  type EventSummary,
  type StoredEvent,
  parseHandshakeKind,
} from '../../../shared/types';
import { type ForwardColumns, readForward } from '../event-rows';
import {
  readHeaders,
  readProvider,
  readResponse,
  readSecrets,
  readVerification,
  readVerifyOptions,
} from '../json-columns';

/** Endpoint columns, JSON ones read back as their stored text (checked by json-columns). */
export const ENDPOINT_COLUMNS = `id, label, provider, secrets::text AS secrets, reject_invalid, forward_url,
  response::text AS response, verify::text AS verify, created_at, created_by, paused, archived`;

/** An endpoint row as PostgreSQL returns it. */
export interface EndpointRow {
  id: string;
  label: string;
  provider: string;
  secrets: string;
  reject_invalid: boolean;
  forward_url: string | null;
  response: string | null;
  verify: string;
  created_at: number;
  created_by: string;
  paused: boolean;
  archived: boolean;
}

/** Converts an endpoint row (with its secrets: the relay verifies with them). */
export function toEndpoint(row: EndpointRow): EndpointWithSecrets {
  const secrets = readSecrets(row.secrets);
  return {
    id: row.id,
    label: row.label,
    provider: readProvider(row.provider) ?? 'auto',
    secretCount: secrets.length,
    secrets,
    rejectInvalid: row.reject_invalid,
    forwardUrl: row.forward_url,
    response: readResponse(row.response),
    verify: readVerifyOptions(row.verify),
    createdAt: row.created_at,
    createdBy: row.created_by,
    paused: row.paused,
    archived: row.archived,
  };
}

/** Event columns without headers and body. */
export const SUMMARY_COLUMNS = `seq, id, endpoint_id, received_at, method, path, query, body_size, truncated,
  content_type, remote_addr, provider, provider_event_id, provider_event_type, provider_event_source, duplicate_of,
  handshake, verification::text AS verification, response_status, acked_at, acked_by, ack_outcome, note,
  imported_from, forward_stage, forward_attempts, forward_next_at, forward_reason`;

/** Every event column: the summary, headers as stored text and the raw body. */
export const FULL_COLUMNS = `${SUMMARY_COLUMNS}, headers::text AS headers, body`;

/** An event row without payload. */
export interface SummaryRow extends ForwardColumns {
  seq: number;
  id: string;
  endpoint_id: string;
  received_at: number;
  method: string;
  path: string;
  query: string;
  body_size: number;
  truncated: boolean;
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
}

/** A whole event row. */
export interface FullRow extends SummaryRow {
  headers: string;
  body: Buffer;
}

function readOutcome(text: string | null): AckOutcome | null {
  return text === 'done' || text === 'ignored' || text === 'failed' ? text : null;
}

/** Converts a row into an EventSummary. */
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
    truncated: r.truncated,
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
  };
}

/** Converts a whole row into a StoredEvent (the body is the exact bytes PostgreSQL holds). */
export function toStored(r: FullRow): StoredEvent {
  return { ...toSummary(r), headers: readHeaders(r.headers), body: r.body };
}
