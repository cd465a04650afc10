import type { ApiEndpoint } from '../../../shared/api';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { CopyButton } from './CopyButton';

/** One endpoint in the sidebar: label, provider, URL with copy, unread count, status (paused shows a badge). */
export function EndpointItem({ endpoint: e, active }: { endpoint: ApiEndpoint; active: boolean }) {
  const setActive = useStore((s) => s.setActiveEndpoint);
  const openModal = useStore((s) => s.openModal);
  // Judged at render time; the list re-renders on every change, which is often enough for a badge.
  const expired = e.expiresAt !== null && e.expiresAt <= Date.now();
  const state = expired || e.paused ? 'paused' : e.urls.receiving ? 'receiving' : 'offline';
  return (
    <li className={`endpoint ${active ? 'active' : ''}`} data-testid="endpoint-item" data-label={e.label}>
      <button type="button" className="endpoint-main" onClick={() => setActive(e.id)}>
        <span
          className={`dot ${state === 'receiving' ? 'dot-ok' : state === 'paused' ? 'dot-off' : 'dot-warn'}`}
          title={state}
        />
        <span className="endpoint-label">{e.label}</span>
        {e.pending > 0 && (
          <span className="count" title={`${formatCount(e.pending)} pending of ${formatCount(e.total)}`}>
            {formatCount(e.pending)}
          </span>
        )}
      </button>
      <div className="endpoint-meta">
        {expired && (
          <span
            className="tag tag-paused"
            data-testid="expired-badge"
            title={`Expired ${new Date(e.expiresAt ?? 0).toLocaleString()}: senders get 410 Gone. It is removed with its events 24 h later.`}
          >
            Expired
          </span>
        )}
        {e.paused && (
          <span
            className="tag tag-paused"
            data-testid="paused-badge"
            title="Paused: senders get 503 and nothing is stored. Edit the endpoint to resume."
          >
            Paused
          </span>
        )}
        <span className="tag">{e.provider}</span>
        {e.eventTypes && (
          <span
            className="tag"
            title={`Agents are handed only these event types: ${e.eventTypes.join(', ')}`}
          >
            {e.eventTypes.length === 1 ? e.eventTypes[0] : `${e.eventTypes.length} types`}
          </span>
        )}
        {e.secretCount > 0 && (
          <span className="tag" title="Signing secrets set">
            {e.secretCount === 1 ? '1 secret' : `${e.secretCount} secrets`}
          </span>
        )}
        {e.forwardUrl && (
          <span
            className="tag"
            title={`Forwards to ${e.forwardUrl}${e.forwardedBy === 'relay' ? ' (forwarded by the relay)' : ''}`}
          >
            {e.forwardedBy === 'relay' ? '→ fwd (relay)' : '→ fwd'}
          </span>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-small edit"
          onClick={() => openModal({ kind: 'trigger', endpointId: e.id })}
          aria-label={`Send a test event to ${e.label}`}
          title="Send a signed test event"
        >
          Test
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small edit"
          onClick={() => openModal({ kind: 'edit-endpoint', id: e.id })}
          aria-label={`Edit ${e.label}`}
        >
          Edit
        </button>
      </div>
      <div className="endpoint-url">
        <code title={e.urls.url}>{e.urls.url.replace(/^https?:\/\//, '')}</code>
        <CopyButton text={e.urls.url} title="Copy the webhook URL" />
      </div>
    </li>
  );
}
