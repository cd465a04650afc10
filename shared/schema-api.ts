/**
 * The UI API's schema methods (attached schemas, inference, drift), declared apart and spread into
 * `shared/api.ts`'s method map, so that contract stays one map.
 */
import { z } from 'zod';
import type { AttachedSchema, DriftReport } from './schema-checks';

const id = z.string().min(1).max(200);
/** An event type, or null: the schema for every type without one of its own. */
const eventType = z.string().min(1).max(200).nullable();

/** Params of the schema methods. */
export const schemaApiParams = {
  /** The endpoint's attached schemas and how far the checker is with its events. */
  'schemas.get': z.strictObject({ endpointId: id }),
  /** Attaches the editor's text as the schema (for one event type, or null: every type). */
  'schemas.attach': z.strictObject({
    endpointId: id,
    eventType,
    schemaText: z.string().max(512 * 1024),
  }),
  'schemas.detach': z.strictObject({ endpointId: id, eventType }),
  /** A schema inferred from the endpoint's newest events (of one type), for the editor. */
  'schemas.infer': z.strictObject({
    endpointId: id,
    eventType: eventType.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  /** Fields that appeared, vanished or changed type across each type's events (newest `limit`). */
  'schemas.drift': z.strictObject({
    endpointId: id.optional(),
    eventType: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(2).max(500).optional(),
  }),
} as const;

/** An attached schema on the wire: the schema as pretty-printed JSON text (what the editor shows). */
export type ApiAttachedSchema = Omit<AttachedSchema, 'schema'> & { schemaText: string };

/** Results of the schema methods. */
export interface SchemaApiResults {
  'schemas.get': {
    schemas: ApiAttachedSchema[];
    /** Events of the inbox not checked yet (any endpoint). */
    backlog: number;
    /** This endpoint's re-check after a schema change, while it runs. */
    recheck: { done: number; total: number } | null;
  };
  'schemas.attach': { rechecking: number };
  'schemas.detach': { detached: true };
  'schemas.infer': { schemaText: string; eventType: string | null; events: number };
  'schemas.drift': DriftReport;
}
