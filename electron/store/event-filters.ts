import type { EventQuery } from '../core/ports';

/** WHERE terms and their params for an event query's filters (text and cursor aside). */
export interface FilterSql {
  where: string[];
  params: (string | number)[];
}

function inList(column: string, values: readonly (string | number)[], out: FilterSql): void {
  out.where.push(`${column} IN (${values.map(() => '?').join(',')})`);
  out.params.push(...values);
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
  if (q.acked === true) out.where.push('acked_at IS NOT NULL');
  if (q.acked === false) out.where.push('acked_at IS NULL');
  return out;
}
