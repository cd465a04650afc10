/** Compares two stored events: request attributes, headers and body (JSON-aware). */
import type { EventDiff, FieldChange } from '../../shared/event-diff';
import type { StoredEvent } from '../../shared/types';
import { compareBodies } from './body-diff';
import { compareHeaders } from './header-diff';

function fieldChanges(a: StoredEvent, b: StoredEvent): FieldChange[] {
  const fields: [string, (e: StoredEvent) => string | number | null][] = [
    ['endpoint', (e) => e.endpointId],
    ['method', (e) => e.method],
    ['path', (e) => e.path],
    ['query', (e) => e.query],
    ['content type', (e) => e.contentType],
    ['provider', (e) => e.provider],
    ['event type', (e) => e.providerEventType],
    ['event id', (e) => e.providerEventId],
    ['verification', (e) => e.verification.status],
    ['body size', (e) => e.bodySize],
    ['answered', (e) => e.responseStatus],
  ];
  return fields.flatMap(([field, read]) => {
    const before = read(a);
    const after = read(b);
    return before === after ? [] : [{ field, before, after }];
  });
}

/** The differences between event a and event b. */
export function diffEvents(a: StoredEvent, b: StoredEvent): EventDiff {
  const fields = fieldChanges(a, b);
  const headers = compareHeaders(a.headers, b.headers);
  const body = compareBodies(a.body, b.body, [a.contentType, b.contentType]);
  return {
    a: { id: a.id, receivedAt: a.receivedAt },
    b: { id: b.id, receivedAt: b.receivedAt },
    identical: fields.length === 0 && headers.every((h) => h.perDelivery) && body.identical,
    fields,
    headers,
    body,
  };
}
