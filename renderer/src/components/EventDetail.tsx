import { call } from '../api/client';
import { useNarrow } from '../hooks/use-narrow';
import { headerValue } from '../lib/body';
import { formatCount, formatDateTime } from '../lib/format';
import { useStore } from '../store';
import type { DetailTab } from '../store/ui-slice';
import { DuplicateBadge, MethodBadge, SchemaBadge, VerdictBadge } from './Badges';
import { ClaimBadge, FailedBadge } from './ClaimBadges';
import { CompareButtons } from './CompareButtons';
import { CopyButton } from './CopyButton';
import { ReplayPanel } from './ReplayPanel';
import { RequestView } from './RequestView';
import { SignaturePanel } from './SignaturePanel';

const TABS: Array<[DetailTab, string]> = [
  ['request', 'Request'],
  ['signature', 'Signature'],
  ['replay', 'Replay'],
];

/** The right pane: one event, with request, signature and replay tabs. */
export function EventDetail() {
  const selectedId = useStore((s) => s.selectedId);
  const event = useStore((s) => s.detail);
  const error = useStore((s) => s.detailError);
  const deliveries = useStore((s) => s.deliveries);
  const tab = useStore((s) => s.tab);
  const setTab = useStore((s) => s.setTab);
  const setAcked = useStore((s) => s.setAcked);
  const endpoint = useStore((s) => s.endpoints.find((e) => e.id === s.detail?.endpointId));
  const select = useStore((s) => s.select);
  const narrow = useNarrow();

  if (!selectedId) {
    return (
      <section className="detail-pane empty">
        <h2>No event selected</h2>
        <p className="muted">
          Pick an event on the left. Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> move,{' '}
          <kbd>a</kbd> acks, <kbd>r</kbd> replays, <kbd>/</kbd> searches.
        </p>
      </section>
    );
  }
  const back = narrow && (
    <button
      type="button"
      className="btn btn-small back-btn"
      onClick={() => select(null)}
      data-testid="back-to-list"
      title="Back to the list (Esc)"
    >
      ← Events
    </button>
  );
  if (error)
    return (
      <section className="detail-pane empty">
        {back}
        <p className="callout callout-error">{error}</p>
      </section>
    );
  if (!event)
    return (
      <section className="detail-pane empty">
        {back}
        <p className="muted">Loading…</p>
      </section>
    );

  const acked = event.ackedAt !== null;
  const failed = event.ackOutcome === 'failed';
  // The core's exporter (as `hookline export --format curl`): exact bytes for any body; its notes
  // (e.g. "given as base64") travel as shell comments in the copied text.
  const curl = () =>
    call('events.curl', { id: event.id }).then((r) =>
      [...r.notes.map((n) => `# ${n}`), r.command].join('\n'),
    );
  return (
    <section className="detail-pane" aria-label="Event detail" data-testid="event-detail">
      <header className="detail-head">
        <div className="detail-title">
          {back}
          <MethodBadge method={event.method} />
          <code className="detail-path">{event.path || '/'}</code>
          {event.duplicateOf && <DuplicateBadge of={event.duplicateOf} />}
          <ClaimBadge event={event} />
          <FailedBadge event={event} />
          <SchemaBadge count={event.schemaViolations} />
          <VerdictBadge status={event.verification.status} title={event.verification.reason} />
        </div>
        <div className="detail-sub muted">
          <code>{event.id}</code> · {formatDateTime(event.receivedAt)} ·{' '}
          {endpoint?.label ?? 'deleted endpoint'}
          {headerValue(event.headers, 'content-type')
            ? ` · ${headerValue(event.headers, 'content-type')}`
            : ''}
        </div>
        <div className="detail-actions">
          <button
            type="button"
            className={`btn btn-small ${acked ? '' : 'btn-primary'}`}
            data-testid="ack-button"
            onClick={() => void setAcked([event.id], !acked)}
            title={failed ? 'Back to pending, for agents to take again (a)' : 'a'}
          >
            {failed ? 'Re-queue' : acked ? 'Unack' : 'Ack'}
          </button>
          {acked && !failed && (
            <span className="acked-by" data-testid="acked-by">
              ✓ Acked by <strong>{event.ackedBy}</strong>{' '}
              {event.ackOutcome && event.ackOutcome !== 'done' ? `(${event.ackOutcome})` : ''}
              {event.note ? ` — ${event.note}` : ''}
            </span>
          )}
          {failed && (
            <span className="failed-by" data-testid="failed-by">
              ✗ Failed by <strong>{event.ackedBy}</strong>
              {event.note ? `: ${event.note}` : ''}
            </span>
          )}
          <span className="grow" />
          <CompareButtons event={event} />
          <CopyButton text={curl} label="Copy as cURL" />
          <CopyButton text={event.id} label="Copy ID" />
        </div>
        <div className="tabs" role="tablist">
          {TABS.map(([key, name]) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              className={`tab ${tab === key ? 'active' : ''}`}
              onClick={() => setTab(key)}
            >
              {name}
              {key === 'replay' && deliveries.length > 0 ? (
                <span className="count">{formatCount(deliveries.length)}</span>
              ) : null}
            </button>
          ))}
        </div>
      </header>
      <div className="detail-body">
        {tab === 'request' && <RequestView event={event} />}
        {tab === 'signature' && <SignaturePanel event={event} />}
        {tab === 'replay' && <ReplayPanel key={event.id} event={event} endpoint={endpoint} />}
      </div>
    </section>
  );
}
