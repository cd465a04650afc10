import { useEffect } from 'react';
import { useStore } from '../store';

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** List keys: ↑/↓ or j/k move, `a` acks/unacks, `r` replays (to the forward URL, else opens the editor). */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      if (typing(e.target) || s.modal || e.metaKey || e.ctrlKey || e.altKey) return;
      const current = s.rows.find((r) => r.id === s.selectedId);
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
          e.preventDefault();
          s.moveSelection(1);
          break;
        case 'ArrowUp':
        case 'k':
          e.preventDefault();
          s.moveSelection(-1);
          break;
        case 'a':
          if (current) void s.setAcked([current.id], current.ackedAt === null);
          break;
        case 'r': {
          if (!current) break;
          const endpoint = s.endpoints.find((x) => x.id === current.endpointId);
          if (endpoint?.forwardUrl) void s.replay({});
          else {
            s.setTab('replay');
            s.toast('No forward URL on this endpoint: enter a target URL to replay');
          }
          break;
        }
        case 'Escape':
          if (s.sidebarOverlay) s.setSidebarOverlay(false);
          else s.select(null);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
