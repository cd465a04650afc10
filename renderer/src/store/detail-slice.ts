import type { ApiDelivery, ApiEvent, ApiParams } from '../../../shared/api';
import type { Verification } from '../../../shared/types';
import { call } from '../api/client';
import type { Slice } from './types';

/** The selected event, its deliveries, and the actions on it. */
export interface DetailSlice {
  selectedId: string | null;
  detail: ApiEvent | null;
  detailError: string | null;
  deliveries: ApiDelivery[];
  /** Result of the last re-verify with a pasted secret (not saved unless asked). */
  reverified: Verification | null;
  replaying: boolean;
  select(id: string | null): void;
  reloadDetail(): Promise<void>;
  reloadDeliveries(): Promise<void>;
  reverify(p: Omit<ApiParams<'events.reverify'>, 'id'>): Promise<void>;
  replay(p: Omit<ApiParams<'events.replay'>, 'id'>): Promise<ApiDelivery | null>;
}

/** Creates the detail slice. */
export const createDetailSlice: Slice<DetailSlice> = (set, get) => ({
  selectedId: null,
  detail: null,
  detailError: null,
  deliveries: [],
  reverified: null,
  replaying: false,
  select: (id) => {
    if (id === get().selectedId) return;
    set({ selectedId: id, detail: null, detailError: null, deliveries: [], reverified: null });
    // Keep the address a deep link to what is shown (the desktop shell navigates to the same form).
    const hash = id ? `#/events/${id}` : '';
    if (window.location.hash !== hash)
      window.history.replaceState(null, '', `${window.location.pathname}${hash}`);
    if (id) void get().reloadDetail();
  },
  reloadDetail: async () => {
    const id = get().selectedId;
    if (!id) return;
    try {
      const [{ event }, { deliveries }] = await Promise.all([
        call('events.get', { id }),
        call('deliveries.list', { eventId: id }),
      ]);
      if (get().selectedId === id) set({ detail: event, deliveries, detailError: null });
    } catch (error) {
      if (get().selectedId === id)
        set({ detailError: error instanceof Error ? error.message : String(error) });
    }
  },
  reloadDeliveries: async () => {
    const id = get().selectedId;
    if (!id) return;
    try {
      const { deliveries } = await call('deliveries.list', { eventId: id });
      if (get().selectedId === id) set({ deliveries });
    } catch {
      // The event may have just been deleted; the detail reload reports that.
    }
  },
  reverify: async (p) => {
    const id = get().selectedId;
    if (!id) return;
    try {
      const { verification } = await call('events.reverify', { id, ...p });
      set({ reverified: verification });
      if (p.save) await get().reloadDetail();
    } catch (error) {
      get().toastError(error);
    }
  },
  replay: async (p) => {
    const id = get().selectedId;
    if (!id) return null;
    set({ replaying: true });
    try {
      const { delivery } = await call('events.replay', { id, ...p });
      const status = delivery.response
        ? `HTTP ${delivery.response.status}`
        : (delivery.error ?? 'no response');
      get().toast(`Replayed to ${delivery.targetUrl} → ${status}`);
      await get().reloadDeliveries();
      return delivery;
    } catch (error) {
      get().toastError(error);
      return null;
    } finally {
      set({ replaying: false });
    }
  },
});
