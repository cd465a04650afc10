/**
 * Runs in a worker thread (bundled to dist/ingest-worker.js): commits the receiver's batches on its
 * own connection to the inbox file, so the SQLite work of a group commit (rows, indexes, redelivery
 * look-ups, change-log rows, the WAL write) runs beside the receiver's thread instead of on it.
 * One batch at a time, in the order they were sent: the change log keeps the order of arrival.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { errorText } from '../base/logger';
import { ChangeLog } from './change-log';
import { EventInserter, insertBatch } from './event-insert';
import { type IngestReply, type IngestRequest, isIngestRequest, unpackBatch } from './ingest-wire';
import type { IngestWorkerData } from './ingest-writer';

const { file, durability, autocheckpointPages, busyTimeoutMs } = workerData as IngestWorkerData;
const db = new Database(file, { fileMustExist: true });
// Per connection: the receiver's durability promise holds for this writer as it did for the store's.
db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
db.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
db.pragma('foreign_keys = OFF');
const inserter = new EventInserter(db);
const log = new ChangeLog(db);
const commit = db.transaction((request: IngestRequest) =>
  insertBatch(inserter, log, unpackBatch(request), request.at),
);

// SQLite answers "busy" without waiting in a few cases (another connection closing and checkpointing
// the WAL, a stale snapshot): try again a little later before failing the batch with a 5xx.
const BUSY_RETRIES = 40;
const BUSY_PAUSE_MS = 25;
const pause = new Int32Array(new SharedArrayBuffer(4));

function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : null;
}

function commitPatiently(request: IngestRequest): number[] {
  for (let attempt = 0; ; attempt++) {
    try {
      // IMMEDIATE: take the write lock first, so a concurrent writer makes this wait, never fail midway.
      return commit.immediate(request);
    } catch (error) {
      const code = errorCode(error) ?? '';
      if (!code.startsWith('SQLITE_BUSY') || attempt >= BUSY_RETRIES) throw error;
      // This thread has nothing else to do meanwhile: a blocking pause is the simplest wait.
      Atomics.wait(pause, 0, 0, BUSY_PAUSE_MS);
    }
  }
}

parentPort?.on('message', (message: unknown) => {
  if (message === 'stop') {
    db.close();
    parentPort?.close();
    return;
  }
  if (!isIngestRequest(message)) return;
  let reply: IngestReply;
  try {
    reply = { id: message.id, seqs: commitPatiently(message) };
  } catch (error) {
    // The transaction rolled back: nothing of this batch is stored, and its senders get a 5xx.
    reply = {
      id: message.id,
      error: errorText(error),
      code: errorCode(error),
    };
  }
  parentPort?.postMessage(reply);
});
