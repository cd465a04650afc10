import type { SearchInfo } from '../../../shared/types';
import { call } from '../api/client';
import type { Slice } from './types';

/** How many events match the list's filters (not just the loaded pages). */
export interface ListCountSlice {
  /** null until the first answer (and while it is unknown after an error). */
  listCount: { count: number; capped: boolean; search?: SearchInfo } | null;
  /** Bumped by every count request: only the latest answer is shown. */
  countGeneration: number;
  loadCount(): Promise<void>;
}

/** Creates the list-count slice. */
export const createListCountSlice: Slice<ListCountSlice> = (set, get) => ({
  listCount: null,
  countGeneration: 0,
  loadCount: async () => {
    const gen = get().countGeneration + 1;
    set({ countGeneration: gen });
    try {
      const result = await call('events.count', get().filter);
      // Filters changed (or newer events arrived) while counting: the later answer wins.
      if (gen === get().countGeneration) set({ listCount: result });
    } catch {
      // The list itself reports a broken core; a missing count is not worth a second toast.
      if (gen === get().countGeneration) set({ listCount: null });
    }
  },
});
