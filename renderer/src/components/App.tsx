import { type CSSProperties, useEffect } from 'react';
import { useDeepLink } from '../hooks/use-deep-link';
import { useKeyboard } from '../hooks/use-keyboard';
import { useNarrow } from '../hooks/use-narrow';
import { useStore } from '../store';
import { connectLive } from '../store/live';
import { AgentsDialog } from './AgentsDialog';
import { ChaosDialog } from './ChaosDialog';
import { DiffDialog } from './DiffDialog';
import { DriftDialog } from './DriftDialog';
import { EndpointDialog } from './EndpointDialog';
import { EventDetail } from './EventDetail';
import { EventList } from './EventList';
import { RelayDialog } from './RelayDialog';
import { SecretNotice } from './SecretNotice';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { TriggerDialog } from './TriggerDialog';

/**
 * The window: sidebar, event list, detail, status bar, and the open dialog. Wide windows show list and
 * detail side by side (resizable); narrow ones show one at a time, the detail with a back button.
 */
export function App() {
  const modal = useStore((s) => s.modal);
  const editing = useStore((s) =>
    s.modal?.kind === 'edit-endpoint'
      ? s.endpoints.find((e) => e.id === (s.modal as { id: string }).id)
      : undefined,
  );
  const narrow = useNarrow();
  const widths = useStore((s) => s.paneWidths);
  const rail = useStore((s) => (narrow ? true : s.sidebarCollapsed));
  const selected = useStore((s) => s.selectedId !== null);
  useKeyboard();
  useDeepLink();
  useEffect(() => {
    const s = useStore.getState();
    void s.loadFirst();
    void s.loadEndpoints();
    void s.loadStatus();
    return connectLive();
  }, []);
  return (
    <div
      className="app"
      data-layout={narrow ? 'narrow' : 'wide'}
      data-showing={selected ? 'detail' : 'list'}
      style={
        {
          '--sidebar-w': rail ? 'var(--rail-w)' : `${widths.sidebar}px`,
          '--list-w': `${widths.list}px`,
        } as CSSProperties
      }
    >
      <Sidebar />
      <main className="main">
        <SecretNotice />
        <div className="panes">
          <EventList />
          <EventDetail />
        </div>
      </main>
      <StatusBar />
      {modal?.kind === 'create-endpoint' && <EndpointDialog endpoint={null} />}
      {modal?.kind === 'edit-endpoint' && editing && <EndpointDialog endpoint={editing} />}
      {modal?.kind === 'agents' && <AgentsDialog />}
      {modal?.kind === 'chaos' && <ChaosDialog />}
      {modal?.kind === 'relay' && <RelayDialog />}
      {modal?.kind === 'trigger' && <TriggerDialog endpointId={modal.endpointId} />}
      {modal?.kind === 'drift' && <DriftDialog endpointId={modal.endpointId} eventType={modal.eventType} />}
      {modal?.kind === 'diff' && <DiffDialog key={`${modal.a}:${modal.b}`} a={modal.a} b={modal.b} />}
      <Toasts />
    </div>
  );
}
