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
  if (q.delivery === 'delivered') out.where.push(DELIVERED);
  if (q.delivery === 'failed') out.where.push(FAILED);
  if (q.delivery === 'none') out.where.push(NONE);
  if (q.forward) out.where.push(FORWARD_STATE_SQL[q.forward]);
  if (q.acked === true) out.where.push('acked_at IS NOT NULL');
  if (q.acked === false) out.where.push('acked_at IS NULL');
  // Spelled as the partial index's condition (events_schema_violations).
  if (q.schemaViolations === true) out.where.push('schema_violations > 0');
  return out;
}
