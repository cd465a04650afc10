import type { ApiDelivery } from '../../../shared/api';
import { base64ToBytes, utf8 } from '../lib/body';
import { formatBytes, formatClock, formatDateTime } from '../lib/format';
import { StatusCode } from './Badges';
import { HeadersTable } from './HeadersTable';

function Attempt({ d }: { d: ApiDelivery }) {
  const body = d.response ? base64ToBytes(d.response.bodyBase64) : null;
  const text = body ? utf8(body) : null;
  return (
    <details className="delivery" data-testid="delivery">
      <summary>
        <span className="tag">{d.kind}</span>
        {d.response ? (
          <StatusCode status={d.response.status} />
        ) : (
          <span className="status-code s5">{d.durationMs === null ? '…' : 'ERR'}</span>
        )}
        <code className="grow">
          {d.request.method} {d.targetUrl}
        </code>
        <span className="muted">#{d.attempt}</span>
        <span className="muted">{d.durationMs !== null ? `${d.durationMs} ms` : 'in flight'}</span>
        <span className="muted" title={formatDateTime(d.startedAt)}>
          {formatClock(d.startedAt)}
        </span>
      </summary>
      {d.error && <p className="callout callout-error">{d.error}</p>}
      {d.nextAttemptAt && <p className="muted">Next attempt at {formatDateTime(d.nextAttemptAt)}</p>}
      {d.response && (
        <>
          <h4>Response headers</h4>
          <HeadersTable headers={d.response.headers} />
          <h4>
            Response body{' '}
            {body ? (
              <span className="muted">
                {formatBytes(body.length)}
                {d.response.truncated ? ' (truncated)' : ''}
              </span>
            ) : null}
          </h4>
          <pre className="code mono">{text ?? '(binary)'}</pre>
        </>
      )}
      <h4>Request headers sent</h4>
      <HeadersTable headers={d.request.headers} />
    </details>
  );
}

/** Every forward and replay attempt of the event, newest first. */
export function DeliveryLog({ deliveries }: { deliveries: ApiDelivery[] }) {
  return (
    <section className="card">
      <h3>
        Delivery log <span className="muted">({deliveries.length})</span>
      </h3>
      {deliveries.length === 0 ? (
        <p className="muted">
          No deliveries yet. Replays and automatic forwards of this event are listed here with each response.
        </p>
      ) : (
        [...deliveries].reverse().map((d) => <Attempt key={d.id} d={d} />)
      )}
    </section>
  );
}
