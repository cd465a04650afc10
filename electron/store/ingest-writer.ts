import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Logger, errorText } from '../base/logger';
import type { NewEvent } from '../core/ports';
import type { Durability } from './database';
import { isIngestReply, packBatch } from './ingest-wire';

/** What the ingest worker opens its connection with. */
export interface IngestWorkerData {
  file: string;
  durability: Durability;
  /** The store connection's WAL autocheckpoint (the checkpointer raises it to a backstop). */
  autocheckpointPages: number;
  busyTimeoutMs: number;
}

interface Waiting {
  batch: NewEvent[];
  at: number;
  resolve: (seqs: number[]) => void;
  reject: (error: Error) => void;
}

// Batches that arrive while the worker commits wait, then go together in its next transaction
// (classic group commit: one message, one transaction, one WAL write for all of them) — up to this
// many events, so the write lock is never held long.
const MAX_EVENTS_PER_TRANSACTION = 512;

// A worker that dies this many times in a row without committing anything will not start either:
// the store then commits on its own thread again (slower, never wrong).
const MAX_FAILURES_IN_A_ROW = 3;

/** The built worker script beside this bundle, or null (tests running from source have none). */
export function builtIngestWorker(): string | null {
  const script = fileURLToPath(new URL('./ingest-worker.js', import.meta.url));
  return existsSync(script) ? script : null;
}

/**
 * Commits the receiver's batches in a worker thread that owns a second write connection to the
 * inbox file. Each batch is answered only once the worker's transaction has committed; a worker
 * that dies fails the batches it held (their senders get a 5xx — nothing unstored is confirmed)
 * and the next batch starts a new one. The worker starts with the first batch and holds the
 * process open only while a batch is in flight.
 */
export class IngestWriter {
  private worker: Worker | null = null;
  /** Sent to the worker and not answered yet: one transaction at a time. */
  private inFlight: { id: number; group: Waiting[] } | null = null;
  /** Waiting for the transaction in flight to end. */
  private queued: Waiting[] = [];
  private nextId = 1;
  private failuresInARow = 0;
  private closing = false;

  constructor(
    private readonly script: string,
    private readonly workerData: () => IngestWorkerData,
    private readonly log: Logger,
  ) {}

  /** False once the worker could not be kept running (or after close): commit on the store's thread. */
  get available(): boolean {
    return !this.closing && this.failuresInARow < MAX_FAILURES_IN_A_ROW;
  }

  /** Commits one batch in one transaction; resolves with the seqs once durable, or rejects with none stored. */
  commit(batch: NewEvent[], at: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queued.push({ batch, at, resolve, reject });
      if (!this.inFlight) this.send();
    });
  }

  /**
   * Stops taking batches; the worker commits and answers every batch given before, then closes its
   * connection. Resolves when it has exited.
   */
  close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    if (!this.inFlight) worker.postMessage('stop');
    return exited;
  }

  /** Sends what waits (up to the cap) as one transaction; when nothing waits, a closing writer stops its worker. */
  private send(): void {
    if (this.queued.length === 0) {
      if (this.closing) this.worker?.postMessage('stop');
      return;
    }
    let events = 0;
    let take = 0;
    for (const waiting of this.queued) {
      if (take > 0 && events + waiting.batch.length > MAX_EVENTS_PER_TRANSACTION) break;
      events += waiting.batch.length;
      take++;
    }
    const group = this.queued.splice(0, take);
    const batch = group.length === 1 ? (group[0]?.batch ?? []) : group.flatMap((w) => w.batch);
    const request = packBatch(this.nextId++, group[group.length - 1]?.at ?? 0, batch);
    const worker = this.worker ?? this.spawn();
    this.inFlight = { id: request.id, group };
    worker.ref();
    worker.postMessage(request, [request.bodies]);
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: this.workerData() });
    worker.unref();
    worker.on('message', (message: unknown) => this.answer(worker, message));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the ingest worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, message: unknown): void {
    if (!isIngestReply(message) || message.id !== this.inFlight?.id) return;
    const { group } = this.inFlight;
    this.inFlight = null;
    worker.unref();
    if ('seqs' in message) {
      this.failuresInARow = 0;
      let from = 0;
      for (const waiting of group) {
        waiting.resolve(message.seqs.slice(from, from + waiting.batch.length));
        from += waiting.batch.length;
      }
    } else {
      const error = Object.assign(new Error(message.error), { code: message.code });
      for (const waiting of group) waiting.reject(error);
    }
    this.send();
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const group = this.inFlight?.group ?? [];
    this.inFlight = null;
    if (group.length === 0 && this.queued.length === 0 && this.closing) return;
    this.failuresInARow++;
    this.log.error('the ingest worker stopped; the batches it held were refused (5xx)', {
      error: errorText(error),
      batches: group.length,
    });
    const failure = new Error(`The ingest worker stopped before committing: ${errorText(error)}`);
    for (const waiting of group) waiting.reject(failure);
    if (this.available) {
      this.send();
      return;
    }
    // Given up on workers (or closing): what still waits was never sent, so nothing of it is stored.
    for (const waiting of this.queued.splice(0)) waiting.reject(failure);
  }
}
