import type { SearchInfo } from '../../../shared/types';
import { call } from '../api/client';
import type { Slice } from './types';

/** How many events match the list's filters (not just the loaded pages). */
export interface ListCountSlice {
  /** null until the first answer (and while it is unknown after an error). */
  listCount: { count: number; capped: boolean; search?: SearchInfo } | null;
  loadCount(): Promise<void>;
}

let generation = 0;

/** Creates the list-count slice. */
export const createListCountSlice: Slice<ListCountSlice> = (set, get) => ({
  listCount: null,
  loadCount: async () => {
    const gen = ++generation;
    try {
      const result = await call('events.count', get().filter);
      // Filters changed (or newer events arrived) while counting: the later answer wins.
      if (gen === generation) set({ listCount: result });
    } catch {
      // The list itself reports a broken core; a missing count is not worth a second toast.
      if (gen === generation) set({ listCount: null });
    }
  },
});
