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
}

/** What a check found, before it is stamped with its time. */
export type SchemaCheckOutcome = Omit<EventSchemaCheck, 'checkedAt'>;

/**
 * Decides one event's check, given the schemas attached to its endpoint; null when no schema applies.
 * Pure and synchronous: the store calls it inside the slice that stores its result.
 */
export type SchemaCheckFn = (
  event: SchemaCheckInput,
  attached: AttachedSchema[],
) => SchemaCheckOutcome | null;
