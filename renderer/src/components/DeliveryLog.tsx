import type { ApiDelivery } from '../../../shared/api';
import { formatCount, plural } from '../lib/format';
import { DeliveryAttempt, failureReason } from './DeliveryAttempt';

/** "Gave up after 4 attempts: HTTP 503" when automatic forwarding stopped without a success. */
function forwardVerdict(deliveries: ApiDelivery[]): string | null {
  const last = deliveries.filter((d) => d.kind === 'forward').at(-1);
  if (!last || last.durationMs === null || last.nextAttemptAt !== null) return null;
  const reason = failureReason(last);
  return reason ? `Forwarding gave up after ${plural(last.attempt, 'attempt')}: ${reason}` : null;
}

/** Every forward and replay attempt of the event, newest first. */
export function DeliveryLog({ deliveries }: { deliveries: ApiDelivery[] }) {
  const gaveUp = forwardVerdict(deliveries);
  return (
    <section className="card">
      <h3>
        Delivery log <span className="muted">({formatCount(deliveries.length)})</span>
      </h3>
      {gaveUp && (
        <p className="callout callout-error" data-testid="forward-gave-up">
          {gaveUp}
        </p>
      )}
      {deliveries.length === 0 ? (
        <p className="muted">
          No deliveries yet. Replays and automatic forwards of this event are listed here with each response.
        </p>
      ) : (
        [...deliveries].reverse().map((d) => <DeliveryAttempt key={d.id} d={d} />)
      )}
    </section>
  );
}
