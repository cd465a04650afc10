/** A unit of work for one lane. */
export type LaneJob = () => Promise<void>;

/** Limits of {@link TargetLanes}. */
export interface LaneLimits {
  /** Jobs running at once per lane (per target origin). */
  perLane: number;
  /** Jobs running at once in all lanes together. */
  total: number;
}

interface Lane {
  jobs: LaneJob[];
  running: number;
}

/**
 * One queue per lane (a forward target's origin), served round-robin: each lane runs at most
 * `perLane` jobs at once, all lanes together at most `total`. A target that never answers fills
 * only its own lane, so it cannot delay another endpoint's forwards.
 */
export class TargetLanes {
  private readonly lanes = new Map<string, Lane>();
  private running = 0;
  private readonly idleWaiters: (() => void)[] = [];
  // Round-robin: the lane after this one is served first next time.
  private lastServed: string | null = null;

  constructor(
    private readonly limits: LaneLimits,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues a job on a lane and starts whatever may start. */
  push(lane: string, job: LaneJob): void {
    let entry = this.lanes.get(lane);
    if (!entry) {
      entry = { jobs: [], running: 0 };
      this.lanes.set(lane, entry);
    }
    entry.jobs.push(job);
    this.drain();
  }

  /** Drops every queued job (running ones finish on their own). */
  clear(): void {
    for (const lane of this.lanes.values()) lane.jobs.length = 0;
  }

  /** Resolves once no job is running (after {@link clear}, when the running ones have ended). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drain(): void {
    while (this.running < this.limits.total) {
      const next = this.nextLane();
      if (!next) return;
      const [name, lane] = next;
      const job = lane.jobs.shift();
      if (!job) return;
      this.lastServed = name;
      lane.running++;
      this.running++;
      job()
        .catch(this.onError)
        .finally(() => {
          lane.running--;
          this.running--;
          if (lane.running === 0 && lane.jobs.length === 0) this.lanes.delete(name);
          this.drain();
          if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        });
    }
  }

  /** The first lane after the last one served that has work and room. */
  private nextLane(): [string, Lane] | null {
    const names = [...this.lanes.keys()];
    const start = this.lastServed === null ? 0 : names.indexOf(this.lastServed) + 1;
    for (let i = 0; i < names.length; i++) {
      const name = names[(start + i) % names.length] as string;
      const lane = this.lanes.get(name);
      if (lane && lane.jobs.length > 0 && lane.running < this.limits.perLane) return [name, lane];
    }
    return null;
  }
}
