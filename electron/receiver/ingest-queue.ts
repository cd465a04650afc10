import type { NewEvent } from '../core/ports';

/** Commits one batch in one transaction; resolves with the seqs once durable (the facade's commitEvents). */
export type CommitBatch = (batch: NewEvent[]) => Promise<number[]>;

interface Pending {
  event: NewEvent;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

// Upper bound on one transaction, so a burst never holds the write lock for long.
const MAX_BATCH = 256;

/**
 * Group commit: requests that arrive in the same event-loop turn are committed together in one
 * transaction (one fsync), and each sender gets its 2xx only after that commit returns.
 */
export class IngestQueue {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly commit: CommitBatch) {}

  /** Queues an event; resolves with its seq once it is durably committed. */
  enqueue(event: NewEvent): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now. */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      this.commit(batch.map((p) => p.event)).then(
        (seqs) => {
          for (const [i, p] of batch.entries()) p.resolve(seqs[i] ?? 0);
        },
        (error: unknown) => {
          // Nothing of this batch was committed (one transaction): every sender gets a 5xx, so none is lied to.
          for (const p of batch) p.reject(error);
        },
      );
    }
  }
}
