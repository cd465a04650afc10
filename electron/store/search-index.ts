import type Database from 'better-sqlite3';
import { readHeaders } from './json-columns';
import { documentText, searchDocument } from './search-text';

interface SourceRow {
  seq: number;
  method: string;
  path: string;
  query: string;
  headers: string;
  body: Buffer;
}

// Rows read per query inside one indexing transaction.
const READ_CHUNK = 64;

/**
 * Fills the trigram index from the events table, behind the receiver. The cursor row moves in the
 * same transaction as the index rows, so a crash loses nothing and repeats nothing, and several
 * processes running it on one file serialise on the write lock instead of indexing an event twice.
 */
export class SearchIndexer {
  private readonly cursorStmt;
  private readonly backlogStmt;
  private readonly rowsStmt;
  private readonly insertStmt;
  private readonly partialStmt;
  private readonly moveStmt;
  private readonly newestStmt;

  constructor(
    private readonly db: Database.Database,
    private readonly limitBytes: number,
  ) {
    this.cursorStmt = db.prepare<[], { indexed_to: number }>(
      'SELECT indexed_to FROM search_state WHERE id = 1',
    );
    this.backlogStmt = db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM events WHERE seq > (SELECT indexed_to FROM search_state WHERE id = 1)',
    );
    this.rowsStmt = db.prepare<[number, number], SourceRow>(
      'SELECT seq, method, path, query, headers, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.insertStmt = db.prepare<[number, string]>('INSERT INTO search_fts (rowid, text) VALUES (?, ?)');
    this.partialStmt = db.prepare<[number]>('INSERT OR IGNORE INTO search_partial (seq) VALUES (?)');
    this.moveStmt = db.prepare<[number]>('UPDATE search_state SET indexed_to = ? WHERE id = 1');
    this.newestStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  }

  /** The newest event's seq (0 when none): how fast it moves tells the indexer how busy the receiver is. */
  newest(): number {
    return this.newestStmt.get()?.seq ?? 0;
  }

  /** The seq up to which every event is indexed. */
  indexedTo(): number {
    return this.cursorStmt.get()?.indexed_to ?? 0;
  }

  /** Events stored but not yet indexed. */
  backlog(): number {
    return this.backlogStmt.get()?.n ?? 0;
  }

  /**
   * Indexes the next events in one short write transaction (at most `maxMs` of work, so the receiver
   * never waits long for the lock). Returns how many it indexed: 0 when caught up.
   */
  step(maxMs = 4): number {
    return this.db
      .transaction(() => {
        const start = performance.now();
        let cursor = this.indexedTo();
        let done = 0;
        for (;;) {
          const rows = this.rowsStmt.all(cursor, READ_CHUNK);
          for (const row of rows) {
            const doc = searchDocument(
              { ...row, headers: readHeaders(row.headers), body: row.body },
              this.limitBytes,
            );
            this.insertStmt.run(row.seq, documentText(doc));
            if (doc.partial) this.partialStmt.run(row.seq);
            cursor = row.seq;
            done++;
            if (performance.now() - start > maxMs) break;
          }
          if (rows.length < READ_CHUNK || performance.now() - start > maxMs) break;
        }
        if (done > 0) this.moveStmt.run(cursor);
        return done;
      })
      .immediate();
  }
}
