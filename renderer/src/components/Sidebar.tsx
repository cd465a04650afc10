import { useNarrow } from '../hooks/use-narrow';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { EndpointItem } from './EndpointItem';
import { SidebarRail } from './SidebarRail';
import { Splitter } from './Splitter';

/** The left pane: all endpoints with their URLs and unread counts; folds to a rail. */
export function Sidebar() {
  const endpoints = useStore((s) => s.endpoints);
  const active = useStore((s) => s.activeEndpointId);
  const setActive = useStore((s) => s.setActiveEndpoint);
  const openModal = useStore((s) => s.openModal);
  const collapsed = useStore((s) => s.sidebarCollapsed);
  const overlay = useStore((s) => s.sidebarOverlay);
  const toggleSidebar = useStore((s) => s.toggleSidebar);
  const setOverlay = useStore((s) => s.setSidebarOverlay);
  const narrow = useNarrow();
  const pendingTotal = endpoints.reduce((n, e) => n + e.pending, 0);

  if (narrow ? !overlay : collapsed) return <SidebarRail pendingTotal={pendingTotal} />;
  return (
    <>
      {narrow && (
        // biome-ignore lint/a11y/useKeyWithClickEvents: Escape and the « button close it for keyboards
        <div className="sidebar-backdrop" onClick={() => setOverlay(false)} />
      )}
      <nav className={`sidebar ${narrow ? 'sidebar-overlay' : ''}`} aria-label="Endpoints">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ⚓
          </span>
          <span className="brand-name">Hookline</span>
          <span className="grow" />
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label="Hide the sidebar"
            title="Hide the sidebar"
            data-testid="sidebar-toggle"
            onClick={() => (narrow ? setOverlay(false) : toggleSidebar())}
          >
            «
          </button>
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
        {!narrow && <Splitter pane="sidebar" label="Resize the sidebar" />}
      </nav>
    </>
  );
}
