import type { ApiStatus } from '../../../shared/api';
import { call } from '../api/client';
import type { Slice } from './types';

/** Status bar facts and the live-stream connection state. */
export interface StatusSlice {
  status: ApiStatus | null;
  live: 'connecting' | 'live' | 'reconnecting';
  loadStatus(): Promise<void>;
  setLive(live: StatusSlice['live']): void;
}

/** Creates the status slice. */
export const createStatusSlice: Slice<StatusSlice> = (set, get) => ({
  status: null,
  live: 'connecting',
  loadStatus: async () => {
    try {
      set({ status: await call('status.get', {}) });
    } catch (error) {
      get().toastError(error);
    }
  },
  setLive: (live) => set({ live }),
});
