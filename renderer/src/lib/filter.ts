import type { EventFilter } from '../../../shared/api';

/** Whether anything narrows the list beyond the chosen endpoint (search, type, method, verdict, state, schema). */
export function isFiltered(filter: EventFilter): boolean {
  return Boolean(
    filter.text ||
      filter.methods ||
      filter.verification ||
      filter.forward ||
      filter.typeGlobs ||
      filter.eventTypes ||
      filter.schemaViolations ||
      filter.acked !== undefined ||
      filter.failed !== undefined,
  );
}
