import type Database from 'better-sqlite3';
import type {
  AckOutcome,
  EventSummary,
  HandshakeKind,
  StoredEvent,
  Verification,
  VerificationStatus,
} from '../../shared/types';
import type { AckRecord, AckResult, EventQuery, NewEvent, PendingByStatus } from '../core/ports';
import { FORWARD_STATE_SQL } from './delivery-repo';
import { type FullRow, SUMMARY_COLUMNS, type SummaryRow, toStored, toSummary } from './event-rows';
import { searchableText, toFtsQuery } from './search-text';
import { StatementCache } from './statement-cache';

function isOutcome(v: string | null): v is AckOutcome {
  return v === 'done' || v === 'ignored' || v === 'failed';
}

/** Event rows: inserts, reads, acks, search, retention. */
export class EventRepo {
  private readonly insertStmt;
  private readonly ftsInsertStmt;
  private readonly getStmt;
  private readonly getSummaryStmt;
  private readonly firstWithProviderIdStmt;
  private readonly ackStmt;
  private readonly unackStmt;
  private readonly verificationStmt;
  private readonly pendingCountStmt;
  private readonly countsStmt;
  private readonly pendingByStatusStmt;
  private readonly recentAcksStmt;
  private readonly cached: StatementCache<SummaryRow>;
  private readonly cachedCounts: StatementCache<{ n: number }>;

  constructor(db: Database.Database) {
    this.cached = new StatementCache<SummaryRow>(db);
    this.cachedCounts = new StatementCache<{ n: number }>(db);
    this.insertStmt = db.prepare(
      `INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size, truncated,
        content_type, remote_addr, provider, provider_event_id, provider_event_type, provider_event_source,
        duplicate_of, handshake, verification_status, verification, response_status, imported_from, forward_stage)
       VALUES (@id, @endpoint_id, @received_at, @method, @path, @query, @headers, @body, @body_size, @truncated,
        @content_type, @remote_addr, @provider, @provider_event_id, @provider_event_type, @provider_event_source,
        @duplicate_of, @handshake, @verification_status, @verification, @response_status, @imported_from,
        CASE WHEN @forward = 1 AND EXISTS (SELECT 1 FROM endpoints WHERE id = @endpoint_id AND forward_url IS NOT NULL)
          THEN 'pending' END)`,
    );
    this.ftsInsertStmt = db.prepare<[number | bigint, string]>(
      'INSERT INTO events_fts (rowid, text) VALUES (?, ?)',
    );
    this.getStmt = db.prepare<[string], FullRow>(
      `SELECT ${SUMMARY_COLUMNS}, headers, body FROM events WHERE id = ?`,
    );
    this.getSummaryStmt = db.prepare<[string], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM events WHERE id = ?`,
    );
    this.firstWithProviderIdStmt = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM events WHERE endpoint_id = ? AND provider_event_id = ? ORDER BY seq LIMIT 1',
    );
    this.ackStmt = db.prepare<[number, string, string, string | null, string]>(
      'UPDATE events SET acked_at = ?, acked_by = ?, ack_outcome = ?, note = ? WHERE id = ? AND acked_at IS NULL',
    );
    this.unackStmt = db.prepare<[string]>(
      'UPDATE events SET acked_at = NULL, acked_by = NULL, ack_outcome = NULL WHERE id = ? AND acked_at IS NOT NULL',
    );
    this.verificationStmt = db.prepare<[string, string, string]>(
      'UPDATE events SET verification_status = ?, verification = ? WHERE id = ?',
    );
    this.pendingCountStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM events WHERE endpoint_id = ? AND acked_at IS NULL',
    );
    this.pendingByStatusStmt = db.prepare<[string], { status: VerificationStatus; n: number }>(
      'SELECT verification_status AS status, count(*) AS n FROM events WHERE endpoint_id = ? AND acked_at IS NULL GROUP BY 1',
    );
    this.recentAcksStmt = db.prepare<
      [string, number],
      { id: string; acked_at: number; ack_outcome: string | null }
    >('SELECT id, acked_at, ack_outcome FROM events WHERE acked_by = ? ORDER BY acked_at DESC LIMIT ?');
    this.countsStmt = db.prepare<[], { endpoint_id: string; total: number; pending: number }>(
      'SELECT endpoint_id, count(*) AS total, count(*) - count(acked_at) AS pending FROM events GROUP BY endpoint_id',
    );
  }

  /** Inserts one event and its search row; returns its seq. Call inside a transaction with the change-log append. */
  insert(e: NewEvent): number {
    const duplicateOf = e.providerEventId
      ? (this.firstWithProviderIdStmt.get(e.endpointId, e.providerEventId)?.id ?? null)
      : null;
    const info = this.insertStmt.run({
      id: e.id,
      endpoint_id: e.endpointId,
      received_at: e.receivedAt,
      method: e.method,
      path: e.path,
      query: e.query,
      headers: JSON.stringify(e.headers),
      body: e.body,
      body_size: e.body.byteLength,
      truncated: e.truncated ? 1 : 0,
      content_type: e.contentType,
      remote_addr: e.remoteAddr,
      provider: e.provider,
      provider_event_id: e.providerEventId,
      provider_event_type: e.providerEventType,
      provider_event_source: e.providerEventSource ?? null,
      duplicate_of: duplicateOf,
      handshake: e.handshake ?? null,
      verification_status: e.verification.status,
      verification: JSON.stringify(e.verification),
      response_status: e.responseStatus,
      imported_from: e.importedFrom ?? null,
      // The forward's durable state is born in the commit that stores the event (issue 12.15).
      forward: e.forward ? 1 : 0,
    });
    this.ftsInsertStmt.run(info.lastInsertRowid, searchableText(e.path, e.query, e.headers, e.body));
    return Number(info.lastInsertRowid);
  }

  /** The whole event, or null. */
  get(id: string): StoredEvent | null {
    const row = this.getStmt.get(id);
    return row ? toStored(row) : null;
  }

  /** The event without payload, or null. */
  getSummary(id: string): EventSummary | null {
    const row = this.getSummaryStmt.get(id);
    return row ? toSummary(row) : null;
  }

  /** Lists events matching the query (limit+1 rows are read so callers can tell whether more exist). */
  list(q: EventQuery): EventSummary[] {
    const f = this.filterSql(q);
    if (!f) return [];
    const desc = q.order === 'desc';
    if (q.cursor !== undefined) {
      f.where.push(desc ? `${f.seq} < ?` : `${f.seq} > ?`);
      f.params.push(q.cursor);
    }
    const limit = Math.max(1, Math.min(q.limit ?? 50, 10_000));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${f.from}
      ${f.where.length ? `WHERE ${f.where.join(' AND ')}` : ''} ORDER BY ${f.seq} ${desc ? 'DESC' : 'ASC'} LIMIT ?`;
    f.params.push(limit);
    return this.statement(sql)
      .all(...f.params)
      .map(toSummary);
  }

  /**
   * How many events match the filters (cursor/limit/order ignored). A text search counts at most `cap`
   * FTS matches (capped: true beyond), because every match must be joined to its row to apply the other
   * filters; without text the count is a plain COUNT(*) that SQLite answers from an index.
   */
  count(q: EventQuery, cap: number): { count: number; capped: boolean } {
    const f = this.filterSql(q);
    if (!f) return { count: 0, capped: false };
    const where = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
    if (q.text === undefined) {
      const row = this.countStatement(`SELECT count(*) AS n FROM ${f.from} ${where}`).get(...f.params);
      return { count: row?.n ?? 0, capped: false };
    }
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${f.from} ${where} LIMIT ?)`;
    const n = this.countStatement(sql).get(...f.params, cap + 1)?.n ?? 0;
    return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
  }

  /** FROM, WHERE terms and params shared by list and count; null when nothing can match. */
  private filterSql(
    q: EventQuery,
  ): { from: string; seq: string; where: string[]; params: (string | number)[] } | null {
    const where: string[] = [];
    const params: (string | number)[] = [];
    let from = 'events';
    // With a text query, order by the FTS rowid (= seq) so FTS5 can stream matches newest-first and stop at LIMIT.
    let seq = 'seq';
    if (q.text !== undefined) {
      seq = 'events_fts.rowid';
      const fts = toFtsQuery(q.text);
      if (fts === null) return null;
      from = 'events_fts JOIN events ON events.seq = events_fts.rowid';
      where.push('events_fts MATCH ?');
      params.push(fts);
    }
    if (q.endpointIds) {
      if (q.endpointIds.length === 0) return null;
      where.push(`endpoint_id IN (${q.endpointIds.map(() => '?').join(',')})`);
      params.push(...q.endpointIds);
    }
    if (q.methods && q.methods.length > 0) {
      where.push(`method IN (${q.methods.map(() => '?').join(',')})`);
      params.push(...q.methods.map((m) => m.toUpperCase()));
    }
    if (q.verification && q.verification.length > 0) {
      where.push(`verification_status IN (${q.verification.map(() => '?').join(',')})`);
      params.push(...q.verification);
    }
    if (q.acked === true) where.push('acked_at IS NOT NULL');
    if (q.acked === false) where.push('acked_at IS NULL');
    if (q.forward) where.push(FORWARD_STATE_SQL[q.forward]);
    return { from, seq, where, params };
  }

  private countStatement(sql: string): Database.Statement<unknown[], { n: number }> {
    return this.cachedCounts.get(sql);
  }

  private statement(sql: string): Database.Statement<unknown[], SummaryRow> {
    // Preparing each recent filter shape once keeps list calls cheap; the cache is bounded (LRU).
    return this.cached.get(sql);
  }

  /** Prepared filter statements held (list + count): bounded, see StatementCache. */
  get cachedStatementCount(): number {
    return this.cached.size + this.cachedCounts.size;
  }

  /** Marks one event acked; a second ack keeps the first actor and time. */
  ack(id: string, at: number, by: string, outcome: AckOutcome, note: string | null): AckResult {
    if (this.ackStmt.run(at, by, outcome, note, id).changes === 1) return 'acked';
    return this.getSummaryStmt.get(id) ? 'already_acked' : 'not_found';
  }

  /** Returns one event to pending; false when it was not acked or does not exist. */
  unack(id: string): boolean {
    return this.unackStmt.run(id).changes === 1;
  }

  /** Stores a new verification verdict (after re-verifying). */
  setVerification(id: string, v: Verification): void {
    this.verificationStmt.run(v.status, JSON.stringify(v), id);
  }

  /** How many events of one endpoint are not yet acked. */
  pendingCount(endpointId: string): number {
    return this.pendingCountStmt.get(endpointId)?.n ?? 0;
  }

  /** Pending events of one endpoint by verdict (read with the change-log position by the caller). */
  pendingByStatus(endpointId: string): PendingByStatus['byStatus'] {
    return new Map(this.pendingByStatusStmt.all(endpointId).map((r) => [r.status, r.n]));
  }

  /** The events an actor acked most recently, newest first. */
  recentAcksBy(actor: string, limit: number): AckRecord[] {
    return this.recentAcksStmt.all(actor, limit).map((r) => ({
      eventId: r.id,
      ackedAt: r.acked_at,
      outcome: isOutcome(r.ack_outcome) ? r.ack_outcome : null,
    }));
  }

  /** Total and pending counts per endpoint id. */
  counts(): Map<string, { total: number; pending: number }> {
    const out = new Map<string, { total: number; pending: number }>();
    for (const r of this.countsStmt.all()) out.set(r.endpoint_id, { total: r.total, pending: r.pending });
    return out;
  }
}
