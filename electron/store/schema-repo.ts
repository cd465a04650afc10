import type Database from 'better-sqlite3';
import type { AttachedSchema, SchemaCheckProgress } from '../../shared/schema-checks';
import { readAttachedSchema } from './schema-columns';

interface SchemaRow {
  endpoint_id: string;
  event_type: string;
  schema: string;
  attached_at: number;
  attached_by: string;
}

function toAttached(r: SchemaRow): AttachedSchema {
  return {
    endpointId: r.endpoint_id,
    eventType: r.event_type === '' ? null : r.event_type,
    schema: readAttachedSchema(r.schema),
    attachedAt: r.attached_at,
    attachedBy: r.attached_by,
  };
}

/** Schemas attached to endpoints, and the re-checks a change of them starts (writes run in the caller's transaction). */
export class SchemaRepo {
  private readonly forEndpointStmt;
  private readonly keysStmt;
  private readonly oneStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly recheckStmt;
  private readonly backlogStmt;
  private readonly rechecksStmt;

  constructor(db: Database.Database) {
    this.forEndpointStmt = db.prepare<[string], SchemaRow>(
      'SELECT * FROM endpoint_schemas WHERE endpoint_id = ? ORDER BY event_type',
    );
    this.keysStmt = db.prepare<[], Omit<SchemaRow, 'schema'>>(
      'SELECT endpoint_id, event_type, attached_at, attached_by FROM endpoint_schemas',
    );
    this.oneStmt = db.prepare<[string, string], SchemaRow>(
      'SELECT * FROM endpoint_schemas WHERE endpoint_id = ? AND event_type = ?',
    );
    this.upsertStmt = db.prepare<[string, string, string, number, string]>(
      `INSERT INTO endpoint_schemas (endpoint_id, event_type, schema, attached_at, attached_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (endpoint_id, event_type) DO UPDATE SET schema = excluded.schema,
         attached_at = excluded.attached_at, attached_by = excluded.attached_by`,
    );
    this.deleteStmt = db.prepare<[string, string]>(
      'DELETE FROM endpoint_schemas WHERE endpoint_id = ? AND event_type = ?',
    );
    // Every event of the endpoint stored so far is checked again; later ones come through the cursor.
    this.recheckStmt = db.prepare<[string, string], { total: number }>(
      `INSERT INTO schema_rechecks (endpoint_id, checked_to, up_to, total, done)
       SELECT ?, 0, coalesce(max(seq), 0), count(*), 0 FROM events WHERE endpoint_id = ?
       ON CONFLICT (endpoint_id) DO UPDATE SET checked_to = 0, up_to = excluded.up_to,
         total = excluded.total, done = 0
       RETURNING total`,
    );
    this.backlogStmt = db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM events WHERE seq > (SELECT checked_to FROM schema_state WHERE id = 1)',
    );
    this.rechecksStmt = db.prepare<[], { endpoint_id: string; done: number; total: number }>(
      'SELECT endpoint_id, done, total FROM schema_rechecks ORDER BY endpoint_id',
    );
  }

  /** The schemas attached to an endpoint (the one for every type first). */
  forEndpoint(endpointId: string): AttachedSchema[] {
    return this.forEndpointStmt.all(endpointId).map(toAttached);
  }

  /** Which schemas exist and when each was attached, without reading them. */
  keys(): Array<{ endpointId: string; eventType: string; attachedAt: number }> {
    return this.keysStmt
      .all()
      .map((r) => ({ endpointId: r.endpoint_id, eventType: r.event_type, attachedAt: r.attached_at }));
  }

  /** One attached schema (eventType '' for every type). */
  one(endpointId: string, eventType: string): AttachedSchema | null {
    const row = this.oneStmt.get(endpointId, eventType);
    return row ? toAttached(row) : null;
  }

  /** Attaches (or replaces) a schema and starts re-checking the endpoint's events; returns how many. */
  attach(schema: AttachedSchema): number {
    this.upsertStmt.run(
      schema.endpointId,
      schema.eventType ?? '',
      JSON.stringify(schema.schema),
      schema.attachedAt,
      schema.attachedBy,
    );
    return this.recheck(schema.endpointId);
  }

  /** Detaches a schema; returns false when none was attached (then nothing is re-checked). */
  detach(endpointId: string, eventType: string | null): boolean {
    return this.deleteStmt.run(endpointId, eventType ?? '').changes > 0;
  }

  /** Starts (or restarts) re-checking every event of the endpoint stored so far; returns how many. */
  recheck(endpointId: string): number {
    return this.recheckStmt.get(endpointId, endpointId)?.total ?? 0;
  }

  /** Events not checked yet, and re-checks under way. */
  progress(): SchemaCheckProgress {
    return {
      backlog: this.backlogStmt.get()?.n ?? 0,
      rechecks: this.rechecksStmt
        .all()
        .map((r) => ({ endpointId: r.endpoint_id, done: r.done, total: r.total })),
    };
  }
}
