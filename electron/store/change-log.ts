import type Database from 'better-sqlite3';
import { type Change, type ChangeKind, toChange } from '../../shared/changes';

interface ChangeRow {
  id: number;
  kind: string;
  ref: string | null;
  endpoint_id: string | null;
  at: number;
}

// Row counts of the multi-row inserts appendAll uses, largest first: a batch of 35 is 32 + 1 + 1 + 1.
const ROWS_PER_INSERT = [32, 8, 1];

/** The append-only change log that lets every process learn of writes made by the others. */
export class ChangeLog {
  private readonly appendStmt;
  private readonly sinceStmt;
  private readonly latestStmt;
  private readonly oldestStmt;
  private readonly pruneStmt;

  private readonly multiStmts = new Map<number, Database.Statement<(string | number | null)[]>>();

  constructor(private readonly db: Database.Database) {
    this.appendStmt = db.prepare<[string, string | null, string | null, number]>(
      'INSERT INTO changes (kind, ref, endpoint_id, at) VALUES (?, ?, ?, ?)',
    );
    this.sinceStmt = db.prepare<[number, number], ChangeRow>(
      'SELECT * FROM changes WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.latestStmt = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM changes');
    this.oldestStmt = db.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM changes');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM changes WHERE id <= ?');
  }

  /**
   * Records one change of a kind per item, with multi-row inserts (a statement per row cost the
   * receiver ~1 µs per event); call inside the same transaction as the writes they describe. The
   * rows of one INSERT get consecutive ids (AUTOINCREMENT, one writer), so each id is known.
   */
  appendAll(
    kind: ChangeKind,
    items: { ref: string | null; endpointId: string | null }[],
    at: number,
  ): Change[] {
    const out: Change[] = [];
    let i = 0;
    while (i < items.length) {
      const rows = ROWS_PER_INSERT.find((n) => n <= items.length - i) ?? 1;
      const params: (string | number | null)[] = [];
      for (const item of items.slice(i, i + rows)) params.push(kind, item.ref, item.endpointId, at);
      const last = Number(this.multiInsert(rows).run(...params).lastInsertRowid);
      for (let k = 0; k < rows; k++) {
        const item = items[i + k] as { ref: string | null; endpointId: string | null };
        out.push({ id: last - rows + 1 + k, kind, ref: item.ref, endpointId: item.endpointId, at });
      }
      i += rows;
    }
    return out;
  }

  private multiInsert(rows: number): Database.Statement<(string | number | null)[]> {
    let stmt = this.multiStmts.get(rows);
    if (!stmt) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ');
      stmt = this.db.prepare<(string | number | null)[]>(
        `INSERT INTO changes (kind, ref, endpoint_id, at) VALUES ${values}`,
      );
      this.multiStmts.set(rows, stmt);
    }
    return stmt;
  }

  /** Records a change; call inside the same transaction as the write it describes. */
  append(kind: ChangeKind, ref: string | null, endpointId: string | null, at: number): Change {
    const id = Number(this.appendStmt.run(kind, ref, endpointId, at).lastInsertRowid);
    return { id, kind, ref, endpointId, at };
  }

  /** Changes after `id`, oldest first. */
  since(id: number, limit = 1000): Change[] {
    return this.sinceStmt
      .all(id, limit)
      .map((r) => toChange({ id: r.id, kind: r.kind, ref: r.ref, endpointId: r.endpoint_id, at: r.at }))
      .filter((c): c is Change => c !== null);
  }

  /** The newest change id (0 when none). */
  latest(): number {
    return this.latestStmt.get()?.id ?? 0;
  }

  /**
   * The highest id pruned (0 when none was): ids only grow (AUTOINCREMENT) and pruning takes the
   * oldest, so everything at or below the oldest id kept, minus one, is gone.
   */
  floor(): number {
    const oldest = this.oldestStmt.get()?.id;
    return oldest == null ? this.latest() : oldest - 1;
  }

  /** Drops all but the newest `keep` changes: readers are at most a few seconds behind. */
  prune(keep: number): void {
    const cutoff = this.latest() - keep;
    if (cutoff > 0) this.pruneStmt.run(cutoff);
  }
}
