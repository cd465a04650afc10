import type { StateCreator } from 'zustand';
import type { AgentsSlice } from './agents-slice';
import type { DetailSlice } from './detail-slice';
import type { EndpointsSlice } from './endpoints-slice';
import type { EventsSlice } from './events-slice';
import type { LayoutSlice } from './layout-slice';
import type { ListCountSlice } from './list-count-slice';
import type { StatusSlice } from './status-slice';
import type { UiSlice } from './ui-slice';

/** The whole renderer state: one bound store made of typed slices. */
export type AppState = StatusSlice &
  EndpointsSlice &
  EventsSlice &
  ListCountSlice &
  DetailSlice &
  UiSlice &
  AgentsSlice &
  LayoutSlice;

/** A slice creator that can read and call the other slices. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
