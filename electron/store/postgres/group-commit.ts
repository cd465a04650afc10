import type { NewEvent } from '../../core/port-records';

interface Waiting {
  batch: NewEvent[];
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit over the network. The receiver hands over a batch per event-loop turn, which on
 * SQLite commits at once; over the network a commit takes a round trip and an fsync, and many small
 * transactions would cost one commit each. So while `maxInFlight` transactions are open, new
 * batches wait, and the next transaction takes every waiting batch at once (up to `maxEvents`).
 * Two by default: no lock is shared between writing transactions (the feed is stamped after the
 * commit, feed-stamp.ts), so a second one fills while the first waits for its fsync, and
 * PostgreSQL flushes concurrent commits together. Each caller's batch is still all in one
 * transaction: it resolves after that COMMIT, or rejects with nothing of it stored.
 */
export class GroupCommit {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (events: NewEvent[]) => Promise<number[]>,
    private readonly maxInFlight = 2,
    private readonly maxEvents = 1_024,
  ) {}

  /** Commits `batch` with whatever else is waiting; resolves with its seqs, in order. */
  commit(batch: NewEvent[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.take();
      this.inFlight++;
      this.write(group.flatMap((w) => w.batch))
        .then(
          (seqs) => {
            let at = 0;
            for (const w of group) {
              w.resolve(seqs.slice(at, at + w.batch.length));
              at += w.batch.length;
            }
          },
          (error: unknown) => {
            for (const w of group) w.reject(error);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  /** The waiting batches for one transaction: at least one, then more while they fit. */
  private take(): Waiting[] {
    const group: Waiting[] = [];
    let events = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      if (!next || (group.length > 0 && events + next.batch.length > this.maxEvents)) break;
      group.push(next);
      events += next.batch.length;
      this.waiting.shift();
    }
    return group;
  }
}
