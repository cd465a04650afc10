import type Database from 'better-sqlite3';
import type { AttachedSchema } from '../../shared/schema-checks';
import type { SchemaCheckFn, SchemaCheckInput } from '../core/schema-records';
import { readHeaders } from './json-columns';
import type { SchemaRepo } from './schema-repo';

interface SourceRow {
  seq: number;
  id: string;
  endpoint_id: string;
  provider: string | null;
  provider_event_type: string | null;
  handshake: string | null;
  content_type: string | null;
  headers: string;
  body: Buffer;
  schema_violations: number | null;
}

// Rows read per query inside one slice.
const READ_CHUNK = 32;
const COLUMNS =
  'seq, id, endpoint_id, provider, provider_event_type, handshake, content_type, headers, body, schema_violations';

/** Announces what a slice changed (in its transaction): one event's count, or an endpoint's re-check progress. */
export interface CheckAnnouncer {
  eventUpdated(eventId: string, endpointId: string): void;
  /** Some events got a check (endpointId: the endpoint re-checked after a schema change; null: new events). */
  checked(endpointId: string | null): void;
}

/**
 * Checks events against their schemas behind the receiver, as the search indexer indexes them: a
 * cursor (schema_state) moved in the same transaction as the results, so a crash loses nothing and
 * a restart resumes where it stopped. Re-checks after a schema change go first (someone is waiting
 * for them); each slice is one short write transaction.
 */
export class SchemaChecker {
  private readonly cursorStmt;
  private readonly newRowsStmt;
  private readonly recheckRowStmt;
  private readonly recheckRowsStmt;
  private readonly writeStmt;
  private readonly moveStmt;
  private readonly moveRecheckStmt;
  private readonly endRecheckStmt;
  private readonly newestStmt;
  private readonly parsed = new Map<string, AttachedSchema>();
  private writes = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly schemas: SchemaRepo,
    private readonly check: SchemaCheckFn,
    private readonly now: () => number,
    private readonly announce: CheckAnnouncer,
  ) {
    this.cursorStmt = db.prepare<[], { checked_to: number }>(
      'SELECT checked_to FROM schema_state WHERE id = 1',
    );
    this.newRowsStmt = db.prepare<[number, number], SourceRow>(
      `SELECT ${COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.recheckRowStmt = db.prepare<[], { endpoint_id: string; checked_to: number; up_to: number }>(
      'SELECT endpoint_id, checked_to, up_to FROM schema_rechecks ORDER BY rowid LIMIT 1',
    );
    this.recheckRowsStmt = db.prepare<[string, number, number, number], SourceRow>(
      `SELECT ${COLUMNS} FROM events WHERE endpoint_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    );
    this.writeStmt = db.prepare<[number | null, string | null, number]>(
      'UPDATE events SET schema_violations = ?, schema_check = ? WHERE seq = ?',
    );
    this.moveStmt = db.prepare<[number]>('UPDATE schema_state SET checked_to = ? WHERE id = 1');
    this.moveRecheckStmt = db.prepare<[number, number, string]>(
      'UPDATE schema_rechecks SET checked_to = ?, done = done + ? WHERE endpoint_id = ?',
    );
    this.endRecheckStmt = db.prepare<[string]>('DELETE FROM schema_rechecks WHERE endpoint_id = ?');
    this.newestStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  }

  /** The newest event's seq: how fast it moves tells the loop how busy the receiver is. */
  newest(): number {
    return this.newestStmt.get()?.seq ?? 0;
  }

  /**
   * Checks the next events in one write transaction of at most `maxMs` of work (re-checks first).
   * Returns how many it checked (a finished re-check counts one): 0 when there is nothing to do.
   */
  step(maxMs = 4): number {
    return this.db
      .transaction(() => {
        const attached = this.attachedByEndpoint();
        const recheck = this.recheckRowStmt.get();
        if (recheck) {
          const { endpoint_id: endpointId, up_to: upTo } = recheck;
          const read = (after: number, limit: number) =>
            this.recheckRowsStmt.all(endpointId, after, upTo, limit);
          const { done, cursor, finished } = this.run(read, recheck.checked_to, maxMs, attached);
          if (finished) this.endRecheckStmt.run(endpointId);
          else this.moveRecheckStmt.run(cursor, done, endpointId);
          this.announce.checked(endpointId);
          return Math.max(done, 1);
        }
        const from = this.cursorStmt.get()?.checked_to ?? 0;
        const writes = this.writes;
        const { done, cursor } = this.run((a, l) => this.newRowsStmt.all(a, l), from, maxMs, attached);
        if (done > 0) this.moveStmt.run(cursor);
        // Views showing "not checked yet" learn that checks arrived (one change per slice, not per event).
        if (this.writes > writes) this.announce.checked(null);
        return done;
      })
      .immediate();
  }

  private run(
    read: (after: number, limit: number) => SourceRow[],
    from: number,
    maxMs: number,
    attached: Map<string, AttachedSchema[]>,
  ): { done: number; cursor: number; finished: boolean } {
    const start = performance.now();
    let cursor = from;
    let done = 0;
    for (;;) {
      const rows = read(cursor, READ_CHUNK);
      for (const row of rows) {
        this.checkRow(row, attached.get(row.endpoint_id) ?? []);
        cursor = row.seq;
        done++;
        // Out of time: the next slice goes on (and finds the end, if this was the last row).
        if (performance.now() - start > maxMs) return { done, cursor, finished: false };
      }
      if (rows.length < READ_CHUNK) return { done, cursor, finished: true };
    }
  }

  private checkRow(row: SourceRow, attached: AttachedSchema[]): void {
    const input: SchemaCheckInput = {
      seq: row.seq,
      id: row.id,
      endpointId: row.endpoint_id,
      provider: row.provider,
      providerEventType: row.provider_event_type,
      handshake: row.handshake,
      contentType: row.content_type,
      headers: readHeaders(row.headers),
      body: row.body,
    };
    const outcome = this.check(input, attached);
    const count = outcome ? outcome.count : null;
    // An event never checked and still without a schema needs no write at all.
    if (outcome === null && row.schema_violations === null) return;
    const stored = outcome ? JSON.stringify({ ...outcome, checkedAt: this.now() }) : null;
    this.writeStmt.run(count, stored, row.seq);
    this.writes++;
    // The list shows a badge only for violations: announce what changes it.
    if ((count ?? 0) > 0 || (row.schema_violations ?? 0) > 0)
      this.announce.eventUpdated(row.id, row.endpoint_id);
  }

  /** Attached schemas by endpoint; each is parsed once per version (its attach time). */
  private attachedByEndpoint(): Map<string, AttachedSchema[]> {
    const out = new Map<string, AttachedSchema[]>();
    const live = new Set<string>();
    for (const key of this.schemas.keys()) {
      const id = `${key.endpointId}\n${key.eventType}\n${key.attachedAt}`;
      live.add(id);
      let schema = this.parsed.get(id);
      if (!schema) {
        schema = this.schemas.one(key.endpointId, key.eventType) ?? undefined;
        if (!schema) continue;
        this.parsed.set(id, schema);
      }
      out.set(key.endpointId, [...(out.get(key.endpointId) ?? []), schema]);
    }
    for (const id of this.parsed.keys()) if (!live.has(id)) this.parsed.delete(id);
    return out;
  }
}
