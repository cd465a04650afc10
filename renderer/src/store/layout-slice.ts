import { isBoolean, isNumber, readPref, writePref } from '../lib/prefs';
import type { Slice } from './types';

/** A resizable pane. */
export type Pane = 'sidebar' | 'list';

/** Limits of each pane's width in px (the detail pane takes the rest). */
export const PANE_LIMITS: Record<Pane, { min: number; max: number; initial: number }> = {
  sidebar: { min: 200, max: 420, initial: 248 },
  list: { min: 280, max: 1200, initial: 480 },
};

const clampWidth = (pane: Pane, px: number) =>
  Math.round(Math.min(PANE_LIMITS[pane].max, Math.max(PANE_LIMITS[pane].min, px)));

/** Pane widths and the sidebar's state, remembered in this browser. */
export interface LayoutSlice {
  paneWidths: Record<Pane, number>;
  /** The user folded the sidebar to a rail (wide windows; remembered). */
  sidebarCollapsed: boolean;
  /** The sidebar is shown over the panes (narrow windows; not remembered). */
  sidebarOverlay: boolean;
  setPaneWidth(pane: Pane, px: number): void;
  toggleSidebar(): void;
  setSidebarOverlay(open: boolean): void;
}

/** Creates the layout slice, starting from the stored preferences. */
export const createLayoutSlice: Slice<LayoutSlice> = (set, get) => ({
  paneWidths: {
    sidebar: clampWidth('sidebar', readPref('pane.sidebar', isNumber, PANE_LIMITS.sidebar.initial)),
    list: clampWidth('list', readPref('pane.list', isNumber, PANE_LIMITS.list.initial)),
  },
  sidebarCollapsed: readPref('sidebar.collapsed', isBoolean, false),
  sidebarOverlay: false,
  setPaneWidth: (pane, px) => {
    const width = clampWidth(pane, px);
    set((s) => ({ paneWidths: { ...s.paneWidths, [pane]: width } }));
    writePref(`pane.${pane}`, width);
  },
  toggleSidebar: () => {
    const collapsed = !get().sidebarCollapsed;
    set({ sidebarCollapsed: collapsed });
    writePref('sidebar.collapsed', collapsed);
  },
  setSidebarOverlay: (open) => set({ sidebarOverlay: open }),
});
