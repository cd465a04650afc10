import { useNarrow } from '../hooks/use-narrow';
import { formatCount } from '../lib/format';
import { useStore } from '../store';

/** The folded sidebar: a thin rail that opens it again, adds an endpoint and shows what is pending. */
export function SidebarRail({ pendingTotal }: { pendingTotal: number }) {
  const openModal = useStore((s) => s.openModal);
  const toggleSidebar = useStore((s) => s.toggleSidebar);
  const setOverlay = useStore((s) => s.setSidebarOverlay);
  const active = useStore((s) => s.endpoints.find((e) => e.id === s.activeEndpointId));
  const narrow = useNarrow();
  return (
    <nav className="sidebar sidebar-rail" aria-label="Endpoints">
      <button
        type="button"
        className="btn btn-ghost rail-btn"
        aria-label="Show the endpoints"
        title={active ? `Endpoints (showing ${active.label})` : 'Endpoints'}
        data-testid="sidebar-toggle"
        onClick={() => (narrow ? setOverlay(true) : toggleSidebar())}
      >
        ☰
      </button>
      <button
        type="button"
        className="btn btn-ghost rail-btn"
        aria-label="New endpoint"
        title="New endpoint"
        onClick={() => openModal({ kind: 'create-endpoint' })}
      >
        +
      </button>
      {pendingTotal > 0 && (
        <span className="count rail-count" title={`${formatCount(pendingTotal)} pending`}>
          {formatCount(pendingTotal)}
        </span>
      )}
    </nav>
  );
}
