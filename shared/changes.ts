/** Kinds of change every process announces through the change feed (and the UI's SSE stream). */
export const CHANGE_KINDS = [
  'event.created',
  'event.updated',
  'events.deleted',
  'endpoint.changed',
  'delivery.changed',
  'runtime.changed',
  'agent.changed',
  'chaos.changed',
] as const;

/** One of {@link CHANGE_KINDS}. */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * A change: `id` is the change-log position (monotonic across processes), `ref` names what changed
 * (event id, endpoint id, delivery id, runtime key, agent id), `endpointId` when it belongs to one.
 */
export interface Change {
  id: number;
  kind: ChangeKind;
  ref: string | null;
  endpointId: string | null;
  at: number;
}
