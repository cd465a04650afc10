import type { ApiEventRow, EventFilter } from '../../../shared/api';
import { call } from '../api/client';
import { plural } from '../lib/format';
import type { Slice } from './types';

// Rows per page: a few screens' worth; the list asks for the next page as the user nears the end.
const PAGE = 200;
// More new events than this in one burst: reload from the top instead of splicing.
const HEAD_MAX = 500;

/** The event list: loaded pages (newest first), the filters, and list actions. */
export interface EventsSlice {
  rows: ApiEventRow[];
  nextCursor: number | null;
  listState: 'loading' | 'ready' | 'error';
  filter: EventFilter;
  /** Bumped by every reload from the top: answers to an older generation are dropped. */
  listGeneration: number;
  /** A next page is being fetched (one at a time). */
  loadingMore: boolean;
  setFilter(patch: Partial<EventFilter>): void;
  loadFirst(): Promise<void>;
  loadMore(): Promise<void>;
  /** New events arrived (change stream): fetch the ones newer than the head. */
  applyCreated(): Promise<void>;
  /** Events changed (ack, verdict): refresh the loaded rows among them. */
  applyUpdated(ids: string[]): Promise<void>;
  setAcked(ids: string[], acked: boolean): Promise<void>;
  /** Returns these events to pending (undo of "Ack all"). */
  unackMany(ids: string[]): Promise<void>;
  /**
   * Acks every pending event matching the filters, asking first when that is more than `screenful`
   * (`confirm` answers; the page passes window.confirm). The toast offers to undo it.
   */
  ackVisible(screenful: number, confirm: (question: string) => boolean): Promise<void>;
  moveSelection(delta: number): void;
}

/** Creates the events slice. */
export const createEventsSlice: Slice<EventsSlice> = (set, get) => ({
  rows: [],
  nextCursor: null,
  listState: 'loading',
  filter: {},
  listGeneration: 0,
  loadingMore: false,
  setFilter: (patch) => {
    set((s) => ({ filter: { ...s.filter, ...patch } }));
    void get().loadFirst();
  },
  loadFirst: async () => {
    const gen = get().listGeneration + 1;
    set({ listState: 'loading', listGeneration: gen });
    void get().loadCount();
    try {
      const page = await call('events.list', { ...get().filter, order: 'desc', limit: PAGE });
      // A newer filter was applied while this page loaded: its answer wins.
      if (gen !== get().listGeneration) return;
      set({ rows: page.events, nextCursor: page.nextCursor, listState: 'ready' });
    } catch (error) {
      if (gen !== get().listGeneration) return;
      set({ listState: 'error' });
      get().toastError(error);
    }
  },
  loadMore: async () => {
    const { nextCursor, filter, loadingMore, listGeneration: gen } = get();
    if (nextCursor === null || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await call('events.list', { ...filter, order: 'desc', cursor: nextCursor, limit: PAGE });
      if (gen !== get().listGeneration) return;
      set((s) => ({ rows: [...s.rows, ...page.events], nextCursor: page.nextCursor }));
    } catch (error) {
      get().toastError(error);
    } finally {
      set({ loadingMore: false });
    }
  },
  applyCreated: async () => {
    const { rows, filter, listState, listGeneration: gen } = get();
    const head = rows[0];
    if (!head || listState !== 'ready') return get().loadFirst();
    try {
      const page = await call('events.list', { ...filter, order: 'asc', cursor: head.seq, limit: HEAD_MAX });
      if (gen !== get().listGeneration || page.events.length === 0) return;
      if (page.nextCursor !== null) return get().loadFirst();
      const known = new Set(get().rows.map((r) => r.id));
      const fresh = page.events.filter((e) => !known.has(e.id)).reverse();
      set((s) => ({ rows: [...fresh, ...s.rows] }));
    } catch (error) {
      get().toastError(error);
    }
  },
  applyUpdated: async (ids) => {
    const loaded = new Set(get().rows.map((r) => r.id));
    const wanted = ids.filter((id) => loaded.has(id));
    if (wanted.length === 0) return;
    try {
      const { events } = await call('events.summaries', { ids: wanted });
      const byId = new Map(events.map((e) => [e.id, e]));
      set((s) => ({ rows: s.rows.map((r) => byId.get(r.id) ?? r) }));
    } catch (error) {
      get().toastError(error);
    }
  },
  setAcked: async (ids, acked) => {
    if (ids.length === 0) return;
    try {
      if (acked) await call('events.ack', { ids });
      else await call('events.unack', { ids });
      await get().applyUpdated(ids);
    } catch (error) {
      get().toastError(error);
    }
  },
  ackVisible: async (screenful, confirm) => {
    try {
      const filter = get().filter;
      const { count } = await call('events.count', { ...filter, acked: false });
      if (count === 0) return get().toast('Nothing pending to ack here');
      if (count > screenful && !confirm(`Ack all ${plural(count, 'pending event')} matching these filters?`))
        return;
      const { ids } = await call('events.ackMatching', { filter });
      get().toast(`Acked ${plural(ids.length, 'event')}`, {
        label: 'Undo',
        run: () => void get().unackMany(ids),
      });
      await get().loadFirst();
    } catch (error) {
      get().toastError(error);
    }
  },
  unackMany: async (ids) => {
    try {
      // events.unack takes up to 1,000 ids per call.
      for (let i = 0; i < ids.length; i += 1000) await call('events.unack', { ids: ids.slice(i, i + 1000) });
      get().toast(`Back to pending: ${plural(ids.length, 'event')}`);
      await get().loadFirst();
    } catch (error) {
      get().toastError(error);
    }
  },
  moveSelection: (delta) => {
    const { rows, selectedId } = get();
    if (rows.length === 0) return;
    const at = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    const next = Math.max(0, Math.min(rows.length - 1, at === -1 ? 0 : at + delta));
    const row = rows[next];
    if (row) get().select(row.id);
    if (next >= rows.length - 20) void get().loadMore();
  },
});
