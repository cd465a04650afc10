/**
 * Runs in a worker thread (bundled to dist/checkpoint-worker.js): copies the WAL back into the
 * database file on its own connection, so the receiver's thread never pays for checkpoints.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
}

const { file, intervalMs } = workerData as CheckpointWorkerData;
const db = new Database(file);
db.pragma('busy_timeout = 1000');

// While the writer is appending, checkpoint again this soon. A checkpoint that takes longer than the
// writer's gap between commits never finds the log fully copied, so the writer never starts the WAL
// over: it grew to the writer's backstop, whose checkpoint then stalled the receiver's thread for
// milliseconds (the ingest p99) and re-grew a truncated file page by page. Short passes keep up.
const BUSY_INTERVAL_MS = 2;

let timer: NodeJS.Timeout | null = null;
let lastLog = -1;
const tick = () => {
  let next = intervalMs;
  try {
    // PASSIVE never blocks the writer: it copies what it can and leaves the rest for next time.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    if (result && result.log !== lastLog) next = BUSY_INTERVAL_MS;
    lastLog = result?.log ?? -1;
  } catch {
    // Busy or closing: the next tick tries again, and the writer's own autocheckpoint is the backstop.
  }
  timer = setTimeout(tick, next);
};
timer = setTimeout(tick, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort?.close();
});
