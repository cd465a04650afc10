/** Schema checks of stored events: what the background checker found, as every face shows it. */

/** One violation as stored: where in the payload, what is wrong, and the value found there. */
export interface SchemaViolationRecord {
  /** JSON Pointer into the payload ("" for the whole body). */
  path: string;
  message: string;
  /** The offending value as JSON text, cut to {@link VALUE_PREVIEW_CHARS} (with "…"); null when absent. */
  value: string | null;
}

/** The most violations kept on an event; the rest are counted in `more`, never dropped silently. */
export const STORED_VIOLATIONS = 10;

/** The longest value preview kept with a violation. */
export const VALUE_PREVIEW_CHARS = 120;

/** An event's schema check as stored: which schema, how many violations, the first few. */
export interface EventSchemaCheck {
  /** Which schema it was checked against (`@octokit/webhooks-schemas push$event`, `endpoint schema (invoice.paid)`). */
  schema: string;
  /** Every violation found (listed + more). */
  count: number;
  violations: SchemaViolationRecord[];
  /** Violations found beyond those listed. */
  more: number;
  checkedAt: number;
}

/** A JSON Schema attached to an endpoint, for one event type or (eventType null) every other type. */
export interface AttachedSchema {
  endpointId: string;
  eventType: string | null;
  schema: unknown;
  attachedAt: number;
  attachedBy: string;
}

/** How far the background checker is: new events not checked yet, and re-checks after schema changes. */
export interface SchemaCheckProgress {
  /** Events stored but not checked yet. */
  backlog: number;
  /** Endpoints whose events are being re-checked because their schema changed. */
  rechecks: Array<{ endpointId: string; done: number; total: number }>;
}

/** One drifting path across a type's events (oldest first). */
export interface DriftFinding {
  kind: 'appeared' | 'vanished' | 'type_changed';
  path: string;
  /** The event where it happened: first with the field, last with it, first with the new type. */
  eventId: string;
  detail: string;
}

/** Drift per event type, and the events left out because their body is not JSON. */
export interface DriftReport {
  types: Array<{ type: string; events: number; findings: DriftFinding[] }>;
  skippedNonJson: number;
}
