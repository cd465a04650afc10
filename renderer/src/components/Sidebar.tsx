import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { EndpointItem } from './EndpointItem';

/** The left pane: all endpoints with their URLs and unread counts. */
export function Sidebar() {
  const endpoints = useStore((s) => s.endpoints);
  const active = useStore((s) => s.activeEndpointId);
  const setActive = useStore((s) => s.setActiveEndpoint);
  const openModal = useStore((s) => s.openModal);
  const pendingTotal = endpoints.reduce((n, e) => n + e.pending, 0);
  return (
    <nav className="sidebar" aria-label="Endpoints">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ⚓
        </span>
        <span className="brand-name">Hookline</span>
      </div>
      <div className="sidebar-head">
        <span className="section-title">Endpoints</span>
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => openModal({ kind: 'create-endpoint' })}
        >
          + New
        </button>
      </div>
      <ul className="endpoint-list">
        <li>
          <button
            type="button"
            className={`endpoint-all ${active === null ? 'active' : ''}`}
            onClick={() => setActive(null)}
          >
            <span>All endpoints</span>
            {pendingTotal > 0 && <span className="count">{formatCount(pendingTotal)}</span>}
          </button>
        </li>
        {endpoints.map((e) => (
          <EndpointItem key={e.id} endpoint={e} active={e.id === active} />
        ))}
      </ul>
      {endpoints.length === 0 && (
        <p className="sidebar-hint">
          No endpoints yet. An endpoint is a URL that stores every request sent to it.
        </p>
      )}
    </nav>
  );
}
