import type { Delivery, HeaderPair } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { runAttempt } from './attempt';
import { buildRequest, checkEdits } from './build-request';
import { DEFAULT_TIMEOUT_MS } from './http-send';

export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES } from './http-send';

/** Changes applied to a stored request before it is replayed. */
export interface ReplayEdits {
  method?: string;
  /** Path and query appended to the target URL (e.g. `/webhooks?x=1`); default: the path received. */
  path?: string;
  /** The whole header list to send instead of the received one (the UI's header editor). */
  headers?: HeaderPair[];
  /** Headers set on top of `headers` (or the received ones): replaced in place, else appended (CLI `--set-header`). */
  setHeaders?: HeaderPair[];
  body?: Uint8Array;
}

/** How to replay. */
export interface ReplayOptions {
  /** Where to send it; default: the endpoint's forward URL. */
  targetUrl?: string;
  /** Recompute the provider signature (fresh timestamp) so the receiving app's check passes after edits. */
  resign?: boolean;
  edits?: ReplayEdits;
  timeoutMs?: number;
  /** Who asked (for the log): `app`, `cli`, `agent:<name>`. */
  actor?: string;
}

/**
 * Replays a stored event to a target and records the attempt; resolves with the finished delivery.
 * A target that answers (any status, 3xx not followed) or fails (refused, timeout) still resolves:
 * the outcome is in the delivery. It rejects with an InboxError only when nothing could be sent
 * (unknown event, no target, bad edits, re-signing impossible).
 */
export async function replayEvent(
  inbox: Inbox,
  eventId: string,
  options: ReplayOptions = {},
): Promise<Delivery> {
  const event = inbox.getEvent(eventId);
  const endpoint = inbox.endpointById(event.endpointId);
  const target = options.targetUrl ?? endpoint?.forwardUrl;
  if (!target)
    throw new InboxError(
      'invalid',
      `No target to replay event ${event.id} to: give a target URL (e.g. --to http://localhost:3000/webhooks)${endpoint ? ` or set a forward URL on endpoint "${endpoint.label}"` : ''}`,
    );
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)
    throw new InboxError('invalid', `Invalid timeout ${timeoutMs}: give milliseconds between 1 and 600000`);
  const edits = checkEdits(options.edits);
  const request = buildRequest(
    event,
    endpoint,
    target,
    edits,
    options.resign ? { now: inbox.clock.now() } : null,
  );
  const { delivery } = await runAttempt(inbox, {
    eventId: event.id,
    kind: 'replay',
    attempt: 1,
    request,
    limits: { timeoutMs },
  });
  return delivery;
}
