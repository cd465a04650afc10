import type { EventFilter } from '../../../shared/api';

/** Whether anything narrows the list beyond the chosen endpoint (search, method, verdict, state). */
export function isFiltered(filter: EventFilter): boolean {
  return Boolean(
    filter.text ||
      filter.methods ||
      filter.verification ||
      filter.forward ||
      filter.acked !== undefined ||
      filter.failed !== undefined,
  );
}
