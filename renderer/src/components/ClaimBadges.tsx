import { type EventSummary, isClaimLive } from '../../../shared/types';
import { useNow } from '../hooks/use-now';

/** "4 min left", "12 s left": how long a claim still holds. */
export function formatLeft(until: number, now: number): string {
  const s = Math.ceil((until - now) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s left`;
  if (s < 3600) return `${Math.ceil(s / 60)} min left`;
  return `${Math.round(s / 3600)} h left`;
}

/**
 * Who holds a pending event (an agent's claim) and for how long; nothing once it lapsed or was acked.
 * `compact` (list rows): "claimed: claude · 4 min", the whole sentence in its title.
 */
export function ClaimBadge({
  event,
  compact = false,
}: { event: Pick<EventSummary, 'claim' | 'ackedAt'>; compact?: boolean }) {
  // Ticks only while a claim is shown, so the countdown stays true and the badge leaves when it lapses.
  const now = useNow(event.claim !== null && event.ackedAt === null ? 1000 : null);
  if (!event.claim || !isClaimLive(event, now)) return null;
  const until = new Date(event.claim.until).toLocaleTimeString();
  const left = formatLeft(event.claim.until, now);
  const text = compact
    ? `claimed: ${event.claim.by.replace(/^agent:/, '')} · ${left.replace(/ left$/, '')}`
    : `claimed by ${event.claim.by} · ${left}`;
  return (
    <span
      className="tag tag-claim"
      data-testid="claim-badge"
      title={`Claimed by ${event.claim.by} until ${until} (${left}): other claiming agents skip it until it is acked, released or the claim lapses`}
    >
      {text}
    </span>
  );
}

/** An event acked as failed: in the dead letter until it is re-queued (unacked). */
export function FailedBadge({ event }: { event: Pick<EventSummary, 'ackOutcome' | 'ackedBy' | 'note'> }) {
  if (event.ackOutcome !== 'failed') return null;
  const by = event.ackedBy ? ` by ${event.ackedBy}` : '';
  return (
    <span
      className="tag tag-failed"
      data-testid="failed-badge"
      title={`Failed${by}${event.note ? `: ${event.note}` : ''} — re-queue it to make it pending again`}
    >
      failed
    </span>
  );
}
