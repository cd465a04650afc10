import { useEffect } from 'react';
import { useStore } from '../store';

const EVENT_HASH = /^#\/events\/([\w-]+)$/;

/** Selects the event named by `#/events/<id>` (the desktop shell navigates there from a notification). */
export function useDeepLink(): void {
  useEffect(() => {
    const apply = () => {
      const m = EVENT_HASH.exec(window.location.hash);
      if (m?.[1]) useStore.getState().select(m[1]);
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, []);
}
