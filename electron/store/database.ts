import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema';

/** File name of the inbox database inside the data directory. */
export const DB_FILE = 'hookline.db';

/** Durability: FULL fsyncs every commit (an accepted webhook survives power loss); NORMAL survives process crashes. */
export type Durability = 'full' | 'normal';

/** Opens (creating if needed) the inbox database: owner-only file, WAL, busy timeout, schema migrated. */
export function openDatabase(home: string, durability: Durability = 'normal'): Database.Database {
  const file = join(home, DB_FILE);
  // Create the file ourselves with 0600 before SQLite does (SQLite would use the umask, often 0644).
  const fresh = !existsSync(file);
  if (fresh) closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  // 8 KiB pages for new inboxes: a typical webhook row (1–2 KB with headers) packs into them with far
  // less slack than into 4 KiB pages (where two 1.4 KB rows fill a page). Existing files keep theirs.
  if (fresh) db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  // Several processes share this file (app, serve, one mcp per agent): wait for locks instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  migrate(db);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
  return db;
}
