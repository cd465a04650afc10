import type Database from 'better-sqlite3';

/** Default number of prepared statements kept per cache. */
export const STATEMENT_CACHE_SIZE = 64;

/**
 * Prepared statements by SQL text, least recently used dropped first. Filter shapes come from callers
 * (lists of endpoints, methods, verdicts of any length), so an unbounded map grew without end: 6,000
 * shapes cost ~210 MiB. A dropped statement is simply prepared again when its shape returns.
 */
export class StatementCache<Row> {
  private readonly entries = new Map<string, Database.Statement<unknown[], Row>>();

  constructor(
    private readonly db: Database.Database,
    private readonly capacity = STATEMENT_CACHE_SIZE,
  ) {}

  /** The statement for this SQL, prepared once while it stays among the most recently used. */
  get(sql: string): Database.Statement<unknown[], Row> {
    let stmt = this.entries.get(sql);
    if (stmt) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(sql);
    } else {
      stmt = this.db.prepare<unknown[], Row>(sql);
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    this.entries.set(sql, stmt);
    return stmt;
  }

  /** How many statements are held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
}
