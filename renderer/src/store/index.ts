import { create } from 'zustand';
import { createAgentsSlice } from './agents-slice';
import { createDetailSlice } from './detail-slice';
import { createEndpointsSlice } from './endpoints-slice';
import { createEventsSlice } from './events-slice';
import { createLayoutSlice } from './layout-slice';
import { createListCountSlice } from './list-count-slice';
import { createStatusSlice } from './status-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';

/** Makes a renderer store from all slices (the app uses one; tests make a fresh one each). */
export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createStatusSlice(...a),
    ...createEndpointsSlice(...a),
    ...createEventsSlice(...a),
    ...createListCountSlice(...a),
    ...createDetailSlice(...a),
    ...createUiSlice(...a),
    ...createAgentsSlice(...a),
    ...createLayoutSlice(...a),
  }));
}

/** The renderer's one bound store. Read it with narrow selectors: `useStore((s) => s.rows)`. */
export const useStore = createAppStore();
