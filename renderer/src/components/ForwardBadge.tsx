import type { ForwardSummary } from '../../../shared/types';
import { useNow } from '../hooks/use-now';
import { formatIn } from '../lib/format';

/** How an event's automatic forwarding stands: delivered, retrying in N s, or gave up. */
export function ForwardBadge({ forward }: { forward: ForwardSummary | null }) {
  const now = useNow(forward?.state === 'retrying' ? 1000 : null);
  if (!forward) return null;
  const outcome = forward.status !== null ? `HTTP ${forward.status}` : (forward.error ?? 'no response');
  if (forward.state === 'delivered')
    return (
      <span className="fwd fwd-delivered" data-forward="delivered" title={`Forwarded: ${outcome}`}>
        → delivered
      </span>
    );
  if (forward.state === 'retrying') {
    const due = forward.nextAttemptAt;
    return (
      <span
        className="fwd fwd-retrying"
        data-forward="retrying"
        title={`Forward attempt ${forward.attempts}: ${outcome}`}
      >
        {due === null ? '→ sending…' : `→ retry ${formatIn(due, now)}`}
      </span>
    );
  }
  return (
    <span
      className="fwd fwd-failed"
      data-forward="failed"
      title={`Gave up after ${forward.attempts} ${forward.attempts === 1 ? 'attempt' : 'attempts'}: ${outcome}`}
    >
      → gave up
    </span>
  );
}
