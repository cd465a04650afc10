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
  // The search index caught up after being behind: "indexing N events…" notes are out of date.
  'search.indexed',
  // The schema checker stored checks: of new events (endpointId null), or re-checks of one endpoint's
  // events after its schema changed (endpointId set; progress).
  'schema.checked',
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

/** True for one of {@link CHANGE_KINDS}. */
export function isChangeKind(kind: unknown): kind is ChangeKind {
  return typeof kind === 'string' && (CHANGE_KINDS as readonly string[]).includes(kind);
}

/**
 * The one validator of a Change arriving from outside (the SSE stream, the change log); null when
 * malformed. A narrow check rather than zod, so the renderer's bundle does not pull zod in.
 */
export function toChange(value: unknown): Change | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, kind, ref, endpointId, at } = value as Record<string, unknown>;
  if (typeof id !== 'number' || typeof at !== 'number' || !isChangeKind(kind)) return null;
  if (ref !== null && typeof ref !== 'string') return null;
  if (endpointId !== null && typeof endpointId !== 'string') return null;
  return { id, kind, ref, endpointId, at };
}
