/** The records the schema port takes: what the background checker reads and what decides a check. */
import type { AttachedSchema, EventSchemaCheck } from '../../shared/schema-checks';
import type { HeaderPair } from '../../shared/types';

/** An event as the schema checker reads it. */
export interface SchemaCheckInput {
  seq: number;
  id: string;
  endpointId: string;
  provider: string | null;
  providerEventType: string | null;
  handshake: string | null;
  contentType: string | null;
  headers: HeaderPair[];
  body: Uint8Array;
  /** The violations stored before this check (null: none), to announce what changes. */
  previous: number | null;
}

/** What a check found, before it is stamped with its time. */
export type SchemaCheckOutcome = Omit<EventSchemaCheck, 'checkedAt'>;

/**
 * Decides one event's check, given the schemas attached to its endpoint; null when no schema applies.
 * Pure and synchronous, so it runs in a worker thread or in the caller's.
 */
export type SchemaCheckFn = (
  event: SchemaCheckInput,
  attached: AttachedSchema[],
) => SchemaCheckOutcome | null;

/**
 * Events to check, read in one go: a re-check of one endpoint after its schema changed (those go
 * first), or the next new events after the cursor. Stored back with {@link SchemaCheckBatch.from}
 * as the guard, so a batch another checker (or a schema change) overtook is dropped, not applied.
 */
export interface SchemaCheckBatch {
  recheck: { endpointId: string; upTo: number; version: string } | null;
  /** The cursor the batch starts after. */
  from: number;
  /** The last event the batch covers: the cursor moves here once it is stored. */
  to: number;
  /** How many events it covers, checked or passed over (a re-check's progress). */
  scanned: number;
  /** The events to check; those no schema can apply to (and never checked) are passed over. */
  events: SchemaCheckInput[];
  /** The schemas of the events' endpoints. */
  attached: Record<string, AttachedSchema[]>;
  /** Whether the batch reaches the end of its re-check (or, for new events, of the table). */
  last: boolean;
}
