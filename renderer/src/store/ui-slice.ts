import { errorMessage } from '../api/client';
import type { Slice } from './types';

/** A dialog the app shows over the panes. */
export type Modal =
  | { kind: 'create-endpoint' }
  | { kind: 'edit-endpoint'; id: string }
  | { kind: 'agents' }
  /** "Send test event", aimed at this endpoint first. */
  | { kind: 'trigger'; endpointId: string | null }
  /** Two events compared, a on the left. */
  | { kind: 'diff'; a: string; b: string }
  /** Saved chaos delivery runs, and starting a new one. */
  | { kind: 'chaos' }
  /** Connect to a relay (and see where the connection stands). */
  | { kind: 'relay' }
  /** Schema drift of an endpoint's events (null: every endpoint), one type first when given. */
  | { kind: 'drift'; endpointId: string | null; eventType: string | null }
  | null;

/** A short notice in the corner. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** A button on the toast, e.g. Undo. */
  action?: ToastAction;
}

/** A button on a toast. */
export interface ToastAction {
  label: string;
  run(): void;
}

/** Detail tabs. */
export type DetailTab = 'request' | 'signature' | 'replay';

/** Dialogs, toasts and which detail tab is open. */
export interface UiSlice {
  modal: Modal;
  toasts: Toast[];
  /** Id of the next toast. */
  nextToastId: number;
  tab: DetailTab;
  /** The event marked with "Pick for compare", compared with the next one chosen. */
  compareBase: string | null;
  openModal(modal: Modal): void;
  setCompareBase(id: string | null): void;
  setTab(tab: DetailTab): void;
  toast(text: string, action?: ToastAction): void;
  toastError(error: unknown): void;
  dismissToast(id: number): void;
}

/** Creates the UI slice. */
export const createUiSlice: Slice<UiSlice> = (set, get) => {
  const push = (kind: Toast['kind'], text: string, action?: ToastAction) => {
    const id = get().nextToastId;
    set((s) => ({ nextToastId: id + 1, toasts: [...s.toasts.slice(-3), { id, kind, text, action }] }));
    // Errors and offers to undo stay long enough to read and act on.
    setTimeout(() => get().dismissToast(id), kind === 'error' ? 7000 : action ? 10_000 : 2500);
  };
  return {
    modal: null,
    toasts: [],
    nextToastId: 1,
    tab: 'request',
    compareBase: null,
    openModal: (modal) => set({ modal }),
    setCompareBase: (compareBase) => set({ compareBase }),
    setTab: (tab) => set({ tab }),
    toast: (text, action) => push('info', text, action),
    toastError: (error) => push('error', errorMessage(error)),
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  };
};
