import type Database from 'better-sqlite3';
import type { AttachedSchema } from '../../shared/schema-checks';
import type { SchemaCheckBatch, SchemaCheckInput, SchemaCheckOutcome } from '../core/schema-records';
import { readHeaders } from './json-columns';
import type { SchemaRepo } from './schema-repo';

/** What decides whether an event needs a check at all, read before its headers and body. */
interface LightRow {
  seq: number;
  endpoint_id: string;
  provider: string | null;
  handshake: string | null;
  schema_violations: number | null;
}

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

// Rows scanned per query while a batch fills; bodies are read one event at a time, for those checked.
const SCAN_CHUNK = 64;
// Seqs one query of new rows may pass over (two per batch at most: ~2 ms of the thread).
const SCAN_WINDOW = 4_096;
const LIGHT = 'seq, endpoint_id, provider, handshake, schema_violations';
const COLUMNS =
  'seq, id, endpoint_id, provider, provider_event_type, handshake, content_type, headers, body, schema_violations';

/** Announces what storing a batch changed (in its transaction). */
export interface CheckAnnouncer {
  eventUpdated(eventId: string, endpointId: string): void;
  /** Some events got a check (endpointId: the endpoint re-checked after a schema change; null: new events). */
  checked(endpointId: string | null): void;
}

function toInput(row: SourceRow): SchemaCheckInput {
  return {
    seq: row.seq,
    id: row.id,
    endpointId: row.endpoint_id,
    provider: row.provider,
    providerEventType: row.provider_event_type,
    handshake: row.handshake,
    contentType: row.content_type,
    headers: readHeaders(row.headers),
    body: row.body,
    previous: row.schema_violations,
  };
}

/**
 * The schema checker's queue, behind the receiver as the search index is: batches are read from a
 * cursor (schema_state) and their results stored in one transaction that moves it, so a crash
 * loses nothing and a restart resumes where it stopped. Re-checks after a schema change
 * (schema_rechecks) come first. The checking itself happens between `next` and `store`, in
 * whichever thread the caller likes; `store` drops a batch that was overtaken meanwhile.
 */
export class SchemaCheckQueue {
  private readonly cursorStmt;
  private readonly newRowsStmt;
  private readonly newestStmt;
  private readonly recheckRowStmt;
  private readonly recheckOfStmt;
  private readonly recheckRowsStmt;
  private readonly fullStmt;
  private readonly writeStmt;
  private readonly moveStmt;
  private readonly moveRecheckStmt;
  private readonly endRecheckStmt;
  private readonly parsed = new Map<string, AttachedSchema>();

  constructor(
    private readonly db: Database.Database,
    private readonly schemas: SchemaRepo,
    private readonly now: () => number,
    private readonly announce: CheckAnnouncer,
  ) {
    this.cursorStmt = db.prepare<[], { checked_to: number }>(
      'SELECT checked_to FROM schema_state WHERE id = 1',
    );
    // The seqs of new rows a check applies to, filtered by SQLite (fill applies the same rule in JS
    // for re-checks, which count every event they pass): most inboxes have no schema, and reading
    // every new row into JS to pass it over cost the receiver's thread ~2% of a burst.
    this.newRowsStmt = db.prepare<[number, number, string, number], { seq: number }>(
      `SELECT seq FROM events WHERE seq > ? AND seq <= ?
         AND (schema_violations IS NOT NULL
           OR (handshake IS NULL AND (provider = 'github' OR endpoint_id IN (SELECT value FROM json_each(?)))))
       ORDER BY seq LIMIT ?`,
    );
    this.newestStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
    this.fullStmt = db.prepare<[number], SourceRow>(`SELECT ${COLUMNS} FROM events WHERE seq = ?`);
    this.recheckRowStmt = db.prepare<[], { endpoint_id: string; checked_to: number; up_to: number }>(
      'SELECT endpoint_id, checked_to, up_to FROM schema_rechecks ORDER BY rowid LIMIT 1',
    );
    this.recheckOfStmt = db.prepare<[string], { checked_to: number; up_to: number }>(
      'SELECT checked_to, up_to FROM schema_rechecks WHERE endpoint_id = ?',
    );
    this.recheckRowsStmt = db.prepare<[string, number, number, number], LightRow>(
      `SELECT ${LIGHT} FROM events WHERE endpoint_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    );
    this.writeStmt = db.prepare<[number | null, string | null, number]>(
      'UPDATE events SET schema_violations = ?, schema_check = ? WHERE seq = ?',
    );
    this.moveStmt = db.prepare<[number]>('UPDATE schema_state SET checked_to = ? WHERE id = 1');
    this.moveRecheckStmt = db.prepare<[number, number, string]>(
      'UPDATE schema_rechecks SET checked_to = ?, done = done + ? WHERE endpoint_id = ?',
    );
    this.endRecheckStmt = db.prepare<[string]>('DELETE FROM schema_rechecks WHERE endpoint_id = ?');
  }

  /**
   * The next events to check — at most `maxEvents`, and past `maxBytes` of bodies no more — with the
   * schemas of their endpoints; null when there is nothing to do.
   */
  next(maxEvents: number, maxBytes: number): SchemaCheckBatch | null {
    return this.db
      .transaction(() => {
        const recheck = this.recheckRowStmt.get();
        const withSchema = new Set(this.schemas.keys().map((k) => k.endpointId));
        if (recheck) {
          const { endpoint_id: endpointId, checked_to: from, up_to: upTo } = recheck;
          const scan = (after: number, limit: number) =>
            this.recheckRowsStmt.all(endpointId, after, upTo, limit);
          const { rows, to, scanned, last } = this.fill(scan, from, maxEvents, maxBytes, withSchema);
          return {
            recheck: { endpointId, upTo, version: this.version(endpointId) },
            from,
            to,
            scanned,
            events: rows.map(toInput),
            attached: this.attachedFor(rows),
            last,
          };
        }
        const from = this.cursorStmt.get()?.checked_to ?? 0;
        const { rows, to, scanned, last } = this.fillNew(from, maxEvents, maxBytes, [...withSchema]);
        if (to === from) return null;
        const events = rows.map(toInput);
        return { recheck: null, from, to, scanned, events, attached: this.attachedFor(rows), last };
      })
      .deferred();
  }

  /**
   * Stores a batch's outcomes (one per event, in order) and moves its cursor, in one transaction.
   * False when the batch was overtaken (another checker stored it, or the schema changed again): nothing is written.
   */
  store(batch: SchemaCheckBatch, outcomes: (SchemaCheckOutcome | null)[]): boolean {
    return this.db
      .transaction(() => {
        if (!this.stillDue(batch)) return false;
        let writes = 0;
        batch.events.forEach((event, i) => {
          if (this.write(event, outcomes[i] ?? null)) writes++;
        });
        if (batch.recheck) {
          const { endpointId } = batch.recheck;
          if (batch.last) this.endRecheckStmt.run(endpointId);
          else this.moveRecheckStmt.run(batch.to, batch.scanned, endpointId);
          this.announce.checked(endpointId);
        } else {
          if (batch.to > batch.from) this.moveStmt.run(batch.to);
          // Views showing "not checked yet" learn that checks arrived (one change per batch, not per event).
          if (writes > 0) this.announce.checked(null);
        }
        return true;
      })
      .immediate();
  }

  private stillDue(batch: SchemaCheckBatch): boolean {
    if (!batch.recheck) return (this.cursorStmt.get()?.checked_to ?? 0) === batch.from;
    const row = this.recheckOfStmt.get(batch.recheck.endpointId);
    return (
      row !== undefined &&
      row.checked_to === batch.from &&
      row.up_to === batch.recheck.upTo &&
      this.version(batch.recheck.endpointId) === batch.recheck.version
    );
  }

  /** Writes one event's outcome; false when there was nothing to write. */
  private write(event: SchemaCheckInput, outcome: SchemaCheckOutcome | null): boolean {
    // An event never checked and still without a schema needs no write at all.
    if (outcome === null && event.previous === null) return false;
    const count = outcome ? outcome.count : null;
    const stored = outcome ? JSON.stringify({ ...outcome, checkedAt: this.now() }) : null;
    this.writeStmt.run(count, stored, event.seq);
    // The list shows a badge only for violations: announce what changes it.
    if ((count ?? 0) > 0 || (event.previous ?? 0) > 0) this.announce.eventUpdated(event.id, event.endpointId);
    return true;
  }

  /**
   * Scans from the cursor, passing over events no schema can apply to (handshakes; endpoints without
   * a schema for non-GitHub events) unless they carry an old verdict to clear, and reads the rest
   * whole until `maxEvents` or `maxBytes` of bodies.
   */
  private fill(
    scan: (after: number, limit: number) => LightRow[],
    from: number,
    maxEvents: number,
    maxBytes: number,
    withSchema: Set<string>,
  ): { rows: SourceRow[]; to: number; scanned: number; last: boolean } {
    const rows: SourceRow[] = [];
    let bytes = 0;
    let to = from;
    let scanned = 0;
    for (;;) {
      const chunk = scan(to, SCAN_CHUNK);
      for (const light of chunk) {
        const applies =
          light.handshake === null && (withSchema.has(light.endpoint_id) || light.provider === 'github');
        if (applies || light.schema_violations !== null) {
          const row = this.fullStmt.get(light.seq);
          if (row) {
            rows.push(row);
            bytes += row.body.length;
          }
        }
        to = light.seq;
        scanned++;
        if (rows.length >= maxEvents || bytes >= maxBytes) return { rows, to, scanned, last: false };
      }
      if (chunk.length < SCAN_CHUNK) return { rows, to, scanned, last: true };
      // A long run of events nothing applies to: store the cursor's progress now and then.
      if (scanned >= SCAN_CHUNK * 16) return { rows, to, scanned, last: false };
    }
  }

  /**
   * Like fill, for new events: SQLite passes over what no check applies to, a window of seqs per
   * query, so a run of events without schemas costs the receiver's thread next to nothing.
   */
  private fillNew(
    from: number,
    maxEvents: number,
    maxBytes: number,
    withSchema: string[],
  ): { rows: SourceRow[]; to: number; scanned: number; last: boolean } {
    const newest = this.newestStmt.get()?.seq ?? 0;
    const endpoints = JSON.stringify(withSchema);
    const rows: SourceRow[] = [];
    let bytes = 0;
    let to = from;
    while (to < newest && to - from < SCAN_WINDOW * 2) {
      const upTo = Math.min(newest, to + SCAN_WINDOW);
      const chunk = this.newRowsStmt.all(to, upTo, endpoints, SCAN_CHUNK);
      for (const { seq } of chunk) {
        const row = this.fullStmt.get(seq);
        if (row) {
          rows.push(row);
          bytes += row.body.length;
        }
        to = seq;
        if (rows.length >= maxEvents || bytes >= maxBytes)
          return { rows, to, scanned: to - from, last: false };
      }
      if (chunk.length < SCAN_CHUNK) to = upTo;
    }
    return { rows, to, scanned: to - from, last: to >= newest };
  }

  /** Which schemas an endpoint has, and when each was attached: a re-check is only stored for the same. */
  private version(endpointId: string): string {
    return this.schemas
      .keys()
      .filter((k) => k.endpointId === endpointId)
      .map((k) => `${k.eventType}@${k.attachedAt}`)
      .sort()
      .join(',');
  }

  /** The schemas of the rows' endpoints; each parsed once per version (its attach time), so compiled validators are reused. */
  private attachedFor(rows: SourceRow[]): Record<string, AttachedSchema[]> {
    const wanted = new Set(rows.map((r) => r.endpoint_id));
    const out: Record<string, AttachedSchema[]> = {};
    const live = new Set<string>();
    for (const key of this.schemas.keys()) {
      const id = `${key.endpointId}\n${key.eventType}\n${key.attachedAt}`;
      live.add(id);
      if (!wanted.has(key.endpointId)) continue;
      let schema = this.parsed.get(id);
      if (!schema) {
        schema = this.schemas.one(key.endpointId, key.eventType) ?? undefined;
        if (!schema) continue;
        this.parsed.set(id, schema);
      }
      out[key.endpointId] = [...(out[key.endpointId] ?? []), schema];
    }
    for (const id of this.parsed.keys()) if (!live.has(id)) this.parsed.delete(id);
    return out;
  }
}
