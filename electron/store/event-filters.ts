import type { EventQuery } from '../core/ports';
import { FORWARD_STATE_SQL } from './delivery-repo';

/** WHERE terms and their params for an event query's filters (text and cursor aside). */
export interface FilterSql {
  where: string[];
  params: (string | number)[];
}

function inList(column: string, values: readonly (string | number)[], out: FilterSql): void {
  out.where.push(`${column} IN (${values.map(() => '?').join(',')})`);
  out.params.push(...values);
}

// Driven from the deliveries table (far smaller than events), so a rare state is found without a scan.
const DELIVERED = `seq IN (SELECT e.seq FROM deliveries d JOIN events e ON e.id = d.event_id
  WHERE d.response_status BETWEEN 200 AND 299)`;
const FAILED = `seq IN (SELECT e.seq FROM deliveries d JOIN events e ON e.id = d.event_id
  WHERE d.duration_ms IS NOT NULL AND coalesce(d.response_status, 0) NOT BETWEEN 200 AND 299)
  AND NOT EXISTS (SELECT 1 FROM deliveries ok WHERE ok.event_id = events.id AND ok.response_status BETWEEN 200 AND 299)`;
const NONE = 'NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)';

/** The smallest string above every string starting with `prefix` (null when there is none to name). */
function prefixEnd(prefix: string): string | null {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (Number.isNaN(last) || last === 0xffff) return null;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * One event-type glob as SQL: only `*` is a wildcard (GLOB's `?` and `[` are escaped to match
 * themselves). A glob with a literal head (`invoice.*`) is also a range on that prefix, which the
 * events_by_type index answers; one starting with `*` (`*.created`) is checked row by row.
 */
function typeGlobTerm(glob: string): { sql: string; params: string[] } {
  const star = glob.indexOf('*');
  if (star < 0) return { sql: 'provider_event_type = ?', params: [glob] };
  const pattern = glob.replace(/[?[]/g, (c) => `[${c}]`);
  const prefix = glob.slice(0, star);
  if (prefix === '') return { sql: 'provider_event_type GLOB ?', params: [pattern] };
  const end = prefixEnd(prefix);
  return end === null
    ? { sql: '(provider_event_type >= ? AND provider_event_type GLOB ?)', params: [prefix, pattern] }
    : {
        sql: '(provider_event_type >= ? AND provider_event_type < ? AND provider_event_type GLOB ?)',
        params: [prefix, end, pattern],
      };
}

function typeGlobs(globs: readonly string[], out: FilterSql): void {
  const terms = globs.map(typeGlobTerm);
  out.where.push(terms.length === 1 ? (terms[0]?.sql ?? '') : `(${terms.map((t) => t.sql).join(' OR ')})`);
  for (const t of terms) out.params.push(...t.params);
}

/** The filters as SQL; null when nothing can match (an empty endpoint list). */
export function filterSql(q: EventQuery): FilterSql | null {
  const out: FilterSql = { where: [], params: [] };
  if (q.endpointIds) {
    if (q.endpointIds.length === 0) return null;
    inList('endpoint_id', q.endpointIds, out);
  }
  if (q.methods && q.methods.length > 0) {
    const methods = q.methods.map((m) => m.toUpperCase());
    inList('method', methods, out);
    // Spelled as the partial index's condition, so SQLite knows it may use it (it cannot infer it from IN).
    if (!methods.includes('POST')) out.where.push("method <> 'POST'");
  }
  if (q.verification && q.verification.length > 0) inList('verification_status', q.verification, out);
  if (q.eventTypes && q.eventTypes.length > 0) inList('provider_event_type', q.eventTypes, out);
  if (q.typeGlobs && q.typeGlobs.length > 0) typeGlobs(q.typeGlobs, out);
  if (q.since !== undefined) {
    out.where.push('received_at >= ?');
    out.params.push(q.since);
  }
  if (q.until !== undefined) {
    out.where.push('received_at < ?');
    out.params.push(q.until);
  }
  if (q.delivery === 'delivered') out.where.push(DELIVERED);
  if (q.delivery === 'failed') out.where.push(FAILED);
  if (q.delivery === 'none') out.where.push(NONE);
  if (q.forward) out.where.push(FORWARD_STATE_SQL[q.forward]);
  if (q.outsideFilter === false) out.where.push('outside_filter IS NULL');
  if (q.outsideFilter === true) out.where.push('outside_filter = 1');
  if (q.acked === true) out.where.push('acked_at IS NOT NULL');
  if (q.acked === false) out.where.push('acked_at IS NULL');
  // Spelled as the events_failed index's condition, so SQLite may use it.
  if (q.failed === true) out.where.push("ack_outcome = 'failed'");
  if (q.failed === false) out.where.push("ack_outcome IS NOT 'failed'");
  if (q.claimableAt !== undefined) {
    out.where.push('(claim_until IS NULL OR claim_until <= ?)');
    out.params.push(q.claimableAt);
  }
  // Spelled as the partial index's condition (events_schema_violations).
  if (q.schemaViolations === true) out.where.push('schema_violations > 0');
  return out;
}
