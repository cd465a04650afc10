import type { Delivery } from '../../shared/types';
import type { Inbox } from '../core/inbox';
import type { DeliveryOutcome } from '../core/ports';
import { type OutgoingRequest, type SendLimits, type SendResult, sendRequest } from './http-send';

/** One attempt to run and record. */
export interface AttemptSpec {
  eventId: string;
  kind: Delivery['kind'];
  attempt: number;
  request: OutgoingRequest;
  limits: SendLimits;
  /** When to try again after this result (ms since epoch), or null for no retry. */
  schedule?: (result: SendResult) => number | null;
}

/** A recorded attempt and the raw result (which the retry policy looks at). */
export interface AttemptOutcome {
  delivery: Delivery;
  result: SendResult;
}

/**
 * Sends one request and records it as a `deliveries` row: the row is written before sending (so
 * the UI shows an attempt in flight) and completed after, each write announced on the change feed.
 */
export async function runAttempt(inbox: Inbox, spec: AttemptSpec): Promise<AttemptOutcome> {
  const id = inbox.deliveries.start({
    eventId: spec.eventId,
    kind: spec.kind,
    targetUrl: spec.request.url,
    attempt: spec.attempt,
    startedAt: inbox.clock.now(),
    request: { method: spec.request.method, headers: spec.request.headers, body: spec.request.body },
  });
  const result = await sendRequest(spec.request, spec.limits);
  const nextAttemptAt = spec.schedule?.(result) ?? null;
  const delivery = inbox.deliveries.finish(id, {
    durationMs: result.durationMs,
    response: result.ok ? result.response : null,
    error: result.ok ? null : result.error,
    nextAttemptAt,
    forward: spec.kind === 'forward' ? forwardOutcome(result, nextAttemptAt) : undefined,
  });
  return { delivery, result };
}

/** Where an event's forward stands after an attempt: answered, to be retried, or given up. */
export function forwardOutcome(result: SendResult, nextAttemptAt: number | null): DeliveryOutcome['forward'] {
  const said = result.ok ? `HTTP ${result.response.status}` : result.error;
  if (nextAttemptAt !== null) return { stage: 'retrying', reason: said };
  // A final answer below 500 is the target's decision (a 4xx is not retried): it was delivered.
  if (result.ok && result.response.status < 500) return { stage: 'delivered', reason: said };
  return { stage: 'gave_up', reason: said };
}

/** Clears a row's scheduled retry (the retry is starting now, or was abandoned), keeping its outcome. */
export function clearSchedule(inbox: Inbox, delivery: Delivery): void {
  if (delivery.nextAttemptAt === null) return;
  inbox.deliveries.finish(delivery.id, {
    durationMs: delivery.durationMs ?? 0,
    response: delivery.response,
    error: delivery.error,
    nextAttemptAt: null,
  });
}
