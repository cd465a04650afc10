import type Database from 'better-sqlite3';

/** Key/value rows for settings and runtime facts every process can read (leader pid, ports, tunnel status). */
export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;
  private readonly insertNewStmt;
  private readonly prefixStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    this.insertNewStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING',
    );
    this.prefixStmt = db.prepare<[string], { key: string; value: string }>(
      "SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'",
    );
  }

  /** The stored JSON value (parsed), or undefined. */
  get(key: string): unknown {
    const row = this.getStmt.get(key);
    return row ? JSON.parse(row.value) : undefined;
  }

  /** Stores a JSON-serializable value. */
  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  /** Removes a key. */
  delete(key: string): void {
    this.deleteStmt.run(key);
  }

  /** All entries whose key starts with the prefix. */
  withPrefix(prefix: string): { key: string; value: unknown }[] {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.prefixStmt.all(pattern).map((r) => ({ key: r.key, value: JSON.parse(r.value) }));
  }
}
