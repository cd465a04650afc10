import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../base/logger';

/** A background WAL checkpointer. */
export interface Checkpointer {
  stop(): Promise<void>;
}

// With the worker running, the writer checkpoints itself only if the WAL grows past ~16 MB (backstop);
// after that the WAL file is truncated back to the same size, so the disk is not held by a peak.
const WRITER_BACKSTOP_PAGES = 4_000;
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

/**
 * Moves WAL checkpoints off the writer's thread: they were a third of the cost of each commit and
 * the cause of the receiver's latency spikes. Null when the worker script is not built (e.g. tests
 * running from source); SQLite's own autocheckpoint then does the work as before.
 */
export function startCheckpointer(db: Database.Database, log: Logger, intervalMs = 100): Checkpointer | null {
  const script = fileURLToPath(new URL('./checkpoint-worker.js', import.meta.url));
  if (!existsSync(script) || db.memory) return null;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { file: db.name, intervalMs } });
  } catch (error) {
    log.warn('no checkpoint worker; the writer checkpoints itself', { error });
    return null;
  }
  worker.unref();
  const previous = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  worker.on('error', (error) => {
    log.warn('checkpoint worker failed; the writer checkpoints itself again', { error });
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
