import type { ApiDelivery } from '../../../shared/api';
import { useNow } from '../hooks/use-now';
import { base64ToBytes, utf8 } from '../lib/body';
import { formatBytes, formatClock, formatCount, formatDateTime, formatIn } from '../lib/format';
import { StatusCode } from './Badges';
import { HeadersTable } from './HeadersTable';

/** Why an attempt did not succeed, in a few words (null: it did, or it is still in flight). */
export function failureReason(d: ApiDelivery): string | null {
  if (d.error) return d.error;
  if (d.response && (d.response.status < 200 || d.response.status >= 300)) return `HTTP ${d.response.status}`;
  return null;
}

/** A body as text when it is UTF-8, else a note of its size. */
function BodyText({
  base64,
  truncated = false,
  what = 'response',
}: { base64: string; truncated?: boolean; what?: string }) {
  const bytes = base64ToBytes(base64);
  if (bytes.length === 0) return <p className="muted">(empty)</p>;
  const text = utf8(bytes);
  return (
    <>
      <p className="muted">
        {formatBytes(bytes.length)}
        {truncated ? ` (truncated: only the start of the ${what} is kept)` : ''}
      </p>
      <pre className="code mono">{text ?? `(binary, ${formatBytes(bytes.length)})`}</pre>
    </>
  );
}

/** One forward or replay attempt: a summary line (with the reason when it failed), then the details. */
export function DeliveryAttempt({ d }: { d: ApiDelivery }) {
  const now = useNow(d.nextAttemptAt !== null ? 1000 : null);
  const reason = failureReason(d);
  return (
    <details className="delivery" data-testid="delivery">
      <summary>
        <span className="tag">{d.kind}</span>
        {d.by && (
          <span
            className="muted"
            data-testid="delivery-by"
            title={
              d.by === 'relay'
                ? 'Sent by the relay, which forwards this endpoint'
                : "Made on a teammate's desktop, synced through the relay"
            }
          >
            by {d.by}
          </span>
        )}
        {d.response ? (
          <StatusCode status={d.response.status} />
        ) : (
          <span className="status-code s5">{d.durationMs === null ? '…' : 'ERR'}</span>
        )}
        <code className="grow" title={d.targetUrl}>
          {d.request.method} {d.targetUrl}
        </code>
        <span className="muted">#{d.attempt}</span>
        <span className="muted">
          {d.durationMs !== null ? `${formatCount(d.durationMs)} ms` : 'in flight'}
        </span>
        <span className="muted" title={formatDateTime(d.startedAt)}>
          {formatClock(d.startedAt)}
        </span>
        {/* In the summary, so a collapsed row already says what failed and when it is tried again. */}
        {(reason || d.nextAttemptAt !== null) && (
          <span className="delivery-note" data-testid="delivery-reason">
            {reason && <span className="bad">{reason}</span>}
            {d.nextAttemptAt !== null && (
              <span className="muted" title={formatDateTime(d.nextAttemptAt)}>
                next retry {formatIn(d.nextAttemptAt, now)}
              </span>
            )}
          </span>
        )}
      </summary>
      {d.response && (
        <>
          <h4>Response headers</h4>
          <HeadersTable headers={d.response.headers} />
          <h4>Response body</h4>
          <BodyText base64={d.response.bodyBase64} truncated={d.response.truncated} />
        </>
      )}
      <h4>Request sent</h4>
      <HeadersTable headers={d.request.headers} />
      <BodyText base64={d.request.bodyBase64} truncated={d.request.truncated ?? false} what="request" />
    </details>
  );
}
