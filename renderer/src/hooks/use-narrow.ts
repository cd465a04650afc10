import { useSyncExternalStore } from 'react';

// Below this width the list and the detail take turns (with a back button) instead of sitting side by side.
const NARROW = '(max-width: 899px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the window is too narrow for list and detail side by side. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}
