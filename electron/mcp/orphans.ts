import type { Inbox } from '../core/inbox';

/**
 * Pending events whose endpoint was unregistered with its events kept: poll/wait no longer hand them
 * over (they cannot be trusted without an endpoint), so they are counted here instead of vanishing.
 */
export function orphanedPending(inbox: Inbox): number {
  const known = new Set(inbox.listEndpoints().map((e) => e.id));
  let orphans = 0;
  for (const [endpointId, counts] of inbox.eventCounts())
    if (!known.has(endpointId)) orphans += counts.pending;
  return orphans;
}
