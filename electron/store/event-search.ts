import type Database from 'better-sqlite3';
import type { EventSummary, SearchInfo } from '../../shared/types';
import type { EventQuery, SearchPage } from '../core/ports';
import { type SearchTerm, indexableTerms, matchesAll, parseSearch, trigramQuery } from '../core/search-query';
import { type FilterSql, filterSql } from './event-filters';
import { type FullRow, SUMMARY_COLUMNS, toSummary } from './event-rows';
import { readHeaders } from './json-columns';
import type { SearchIndexer } from './search-index';
import { documentText, searchDocument } from './search-text';

// One search call checks candidates for at most this long, then says where it stopped (the caller
// continues from the cursor): a query whose trigrams are everywhere but whose text is nowhere
// would otherwise read the whole inbox — on the thread where the leader's receiver runs.
const BUDGET_MS = 150;
const FIRST_CHUNK = 32;
const MAX_CHUNK = 512;

/** A seq range read in one order, from the trigram index or (for events not yet indexed) directly. */
interface Segment {
  from: number;
  to: number;
  indexed: boolean;
}

interface Scan {
  matched: EventSummary[];
  count: number;
  /** The last seq checked when the budget ran out; null when the scan reached the end (or enough matches). */
  stoppedAt: number | null;
  partialUnindexed: number;
}

/**
 * The one search engine (GUI, CLI, MCP): the trigram index narrows to candidates, each candidate is
 * checked against its decoded text, and events the indexer has not reached yet are checked directly,
 * so results are exact and new events are found at once.
 */
export class EventSearch {
  private readonly statements = new Map<string, Database.Statement<unknown[], FullRow>>();
  private readonly partialCounts = new Map<string, Database.Statement<unknown[], { n: number }>>();

  constructor(
    private readonly db: Database.Database,
    private readonly indexer: SearchIndexer,
    private readonly limitBytes: number,
  ) {}

  /** A page of matches for query.text (limit default 50). */
  list(q: EventQuery): SearchPage {
    const limit = Math.max(1, Math.min(q.limit ?? 50, 10_000));
    return this.db.transaction(() => {
      const scan = this.scan(q, limit + 1, false);
      const events = scan.matched.slice(0, limit);
      const last = events[events.length - 1];
      let nextCursor: number | null = null;
      if (scan.matched.length > limit && last) nextCursor = last.seq;
      else if (scan.stoppedAt !== null) nextCursor = scan.stoppedAt;
      return { events, nextCursor, info: this.info(q, scan) };
    })();
  }

  /** How many events match query.text, counting at most `cap`. */
  count(q: EventQuery, cap: number): { count: number; capped: boolean; search: SearchInfo } {
    return this.db.transaction(() => {
      const scan = this.scan({ ...q, cursor: undefined, order: 'desc' }, cap + 1, true);
      const capped = scan.count > cap || scan.stoppedAt !== null;
      return { count: Math.min(scan.count, cap), capped, search: this.info(q, scan) };
    })();
  }

  private info(q: EventQuery, scan: Scan): SearchInfo {
    return {
      indexing: this.indexer.backlog(),
      partial: this.partialIndexed(q) + scan.partialUnindexed,
      limitBytes: this.limitBytes,
      complete: scan.stoppedAt === null,
    };
  }

  private scan(q: EventQuery, want: number, countOnly: boolean): Scan {
    const out: Scan = { matched: [], count: 0, stoppedAt: null, partialUnindexed: 0 };
    const f = filterSql(q);
    const terms = parseSearch(q.text ?? '');
    if (!f) return out;
    const fts = trigramQuery(indexableTerms(terms));
    const start = performance.now();
    for (const segment of this.segments(q, fts !== null)) {
      let { from, to } = segment;
      let chunk = FIRST_CHUNK;
      while (from <= to) {
        const rows = this.chunk(segment.indexed ? fts : null, f, from, to, q.order === 'desc', chunk);
        for (const row of rows) {
          if (this.check(row, terms, !segment.indexed, out)) {
            out.count++;
            if (!countOnly) out.matched.push(toSummary(row));
            if (out.count >= want) return out;
          }
          if (q.order === 'desc') to = row.seq - 1;
          else from = row.seq + 1;
          if (performance.now() - start > BUDGET_MS) {
            out.stoppedAt = row.seq;
            return out;
          }
        }
        if (rows.length < chunk) break;
        chunk = Math.min(chunk * 2, MAX_CHUNK);
      }
    }
    return out;
  }

  /** The ranges to read, in scan order: newest first reads the not-yet-indexed tail first. */
  private segments(q: EventQuery, useIndex: boolean): Segment[] {
    const indexedTo = this.indexer.indexedTo();
    let all: Segment[] = useIndex
      ? [
          { from: 0, to: indexedTo, indexed: true },
          { from: indexedTo + 1, to: Number.MAX_SAFE_INTEGER, indexed: false },
        ]
      : [{ from: 0, to: Number.MAX_SAFE_INTEGER, indexed: false }];
    if (q.cursor !== undefined) {
      const c = q.cursor;
      all = all.map((s) =>
        q.order === 'desc' ? { ...s, to: Math.min(s.to, c - 1) } : { ...s, from: Math.max(s.from, c + 1) },
      );
    }
    return q.order === 'desc' ? all.reverse() : all;
  }

  private check(row: FullRow, terms: SearchTerm[], unindexed: boolean, out: Scan): boolean {
    const doc = searchDocument(
      {
        method: row.method,
        path: row.path,
        query: row.query,
        headers: readHeaders(row.headers),
        body: row.body,
      },
      this.limitBytes,
    );
    if (unindexed && doc.partial) out.partialUnindexed++;
    return matchesAll(terms, {
      any: documentText(doc),
      header: doc.headers,
      path: doc.path,
      body: doc.body,
      type: row.provider_event_type ?? '',
    });
  }

  private chunk(
    fts: string | null,
    f: FilterSql,
    from: number,
    to: number,
    desc: boolean,
    limit: number,
  ): FullRow[] {
    const dir = desc ? 'DESC' : 'ASC';
    const filters = f.where.map((w) => ` AND ${w}`).join('');
    const sql = fts
      ? // CROSS JOIN keeps the index as the outer loop: the planner would otherwise drive from a filter
        // index (say verdict = valid) and sort every match of it to find the newest candidates.
        `SELECT ${SUMMARY_COLUMNS}, headers, body FROM search_fts CROSS JOIN events ON events.seq = search_fts.rowid
         WHERE search_fts MATCH ? AND search_fts.rowid BETWEEN ? AND ?${filters}
         ORDER BY search_fts.rowid ${dir} LIMIT ?`
      : `SELECT ${SUMMARY_COLUMNS}, headers, body FROM events
         WHERE seq BETWEEN ? AND ?${filters} ORDER BY seq ${dir} LIMIT ?`;
    const params = fts ? [fts, from, to, ...f.params, limit] : [from, to, ...f.params, limit];
    return this.statement(sql).all(...params);
  }

  /** Indexed events in scope that were searched only in part. */
  private partialIndexed(q: EventQuery): number {
    const f = filterSql(q);
    if (!f) return 0;
    const filters = f.where.map((w) => ` AND ${w}`).join('');
    const sql = `SELECT count(*) AS n FROM events WHERE seq IN (SELECT seq FROM search_partial)${filters}`;
    let stmt = this.partialCounts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], { n: number }>(sql);
      this.partialCounts.set(sql, stmt);
    }
    return stmt.get(...f.params)?.n ?? 0;
  }

  private statement(sql: string): Database.Statement<unknown[], FullRow> {
    // Filter combinations are few; each shape is prepared once.
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], FullRow>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
