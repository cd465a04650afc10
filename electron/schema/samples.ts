import type { EventSummary } from '../../shared/types';
import { bodyAsText } from '../core/event-json';
import type { Inbox } from '../core/inbox';

/** The most events a schema inference or drift report reads. */
export const MAX_SAMPLES = 500;

/** JSON bodies of an endpoint's events, grouped by event type, oldest first. */
export interface SampleSet {
  byType: Map<string, { eventId: string; value: unknown }[]>;
  /** Events skipped because their body is not JSON. */
  skipped: number;
}

/** Reads the newest `limit` events (of one type, when given) of the selected endpoint(s). */
export function jsonSamples(
  inbox: Inbox,
  opts: { endpointIds?: string[]; type?: string; limit: number },
): SampleSet {
  const picked: EventSummary[] = [];
  let cursor: number | undefined;
  // Pages through newest first until enough events of the type are found (or the inbox ends).
  while (picked.length < opts.limit) {
    const page = inbox.listEvents({ endpointIds: opts.endpointIds, order: 'desc', limit: 200, cursor });
    if (page.length === 0) break;
    for (const e of page)
      if (e.handshake === null && (opts.type === undefined || e.providerEventType === opts.type))
        picked.push(e);
    cursor = page.at(-1)?.seq;
  }
  const byType = new Map<string, { eventId: string; value: unknown }[]>();
  let skipped = 0;
  for (const summary of picked.slice(0, opts.limit).reverse()) {
    const text = bodyAsText(inbox.getEvent(summary.id).body);
    let value: unknown;
    try {
      value = text === null ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      skipped++;
      continue;
    }
    const type = summary.providerEventType ?? '(no type)';
    byType.set(type, [...(byType.get(type) ?? []), { eventId: summary.id, value }]);
  }
  return { byType, skipped };
}
