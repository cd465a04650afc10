import type { ApiTriggerResult } from '../../../shared/api';
import { useStore } from '../store';
import { VerdictBadge } from './Badges';

/** What each synthetic event got: the HTTP answer, the stored event's verdict, and a link to it. */
export function TriggerResults({ results, onOpen }: { results: ApiTriggerResult[]; onOpen(): void }) {
  const select = useStore((s) => s.select);
  return (
    <ul className="trigger-results" data-testid="trigger-results">
      {results.map((r, i) => (
        <li key={r.deliveryId ?? i} className="trigger-result" data-testid="trigger-result">
          <span className={`trigger-status ${r.status !== null && r.status < 300 ? 'ok' : 'bad'}`}>
            {r.status === null ? 'no answer' : `HTTP ${r.status}`}
          </span>
          {r.stored && <VerdictBadge status={r.stored.verification} title={r.stored.reason} />}
          {r.stored ? (
            <button
              type="button"
              className="link mono"
              onClick={() => {
                select(r.stored?.eventId ?? null);
                onOpen();
              }}
            >
              {r.stored.eventId}
            </button>
          ) : (
            <span className="muted">not stored (sent straight to {r.url})</span>
          )}
          <span className="muted">{r.durationMs} ms</span>
          {r.error && <span className="trigger-error">{r.error}</span>}
          {r.stored?.reason && r.stored.verification !== 'valid' && (
            <span className="muted trigger-reason">{r.stored.reason}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
