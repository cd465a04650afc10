/**
 * Column lists that read PostgreSQL rows in the shapes the SQLite store's rows have (flags as 0/1,
 * JSON as text), so both stores share one set of checked converters (event-rows.ts, endpoint-repo.ts).
 */
export { type FullRow, type SummaryRow, toStored, toSummary } from '../event-rows';
export { type EndpointRow, toEndpoint } from '../endpoint-repo';

/** Endpoint columns as endpoint-repo's EndpointRow. */
export const ENDPOINT_COLUMNS = `id, label, provider, secrets::text AS secrets, reject_invalid::int AS reject_invalid,
  forward_url, response::text AS response, verify::text AS verify, created_at, created_by, paused::int AS paused,
  archived::int AS archived, expires_at, event_types::text AS event_types`;

/**
 * Event columns without headers and body, as event-rows' SummaryRow. Schema checks read as none:
 * they run where schemas are attached (a desktop checks what it mirrors).
 */
export const SUMMARY_COLUMNS = `seq, id, endpoint_id, received_at, method, path, query, body_size, truncated::int AS truncated,
  content_type, remote_addr, provider, provider_event_id, provider_event_type, provider_event_source, duplicate_of,
  handshake, verification::text AS verification, response_status, acked_at, acked_by, ack_outcome, note,
  imported_from, forward_stage, forward_attempts, forward_next_at, forward_reason,
  claimed_by, claim_session, claim_until, NULL AS schema_violations`;

/** Every event column (the summary, headers as stored text, the raw body), as event-rows' FullRow. */
export const FULL_COLUMNS = `${SUMMARY_COLUMNS}, NULL AS schema_check, headers::text AS headers, body`;
