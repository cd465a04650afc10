import { boundedBody as bounded } from '../../shared/relay-wire';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { RecordedDelivery } from '../core/port-records';
import type { RelayForwardJob, RelayForwardQueue, RelayForwardResult } from '../core/relay-ports';
import { forwardOutcome } from './attempt';
import { buildRequest } from './build-request';
import { DEFAULT_PER_TARGET } from './forwarder';
import { type OutgoingRequest, type SendResult, sendRequest } from './http-send';
import { type RetryPolicy, nextDelay, shouldRetry } from './retry-policy';

/** How a relay process forwards from a shared queue. */
export interface QueueForwarderOptions {
  policy: RetryPolicy;
  maxAgeMs: number;
  /** Sends in flight at once in this process (default 32). */
  concurrency?: number;
  /** Sends in flight at once for one endpoint, across all relays (default: the desktop's per-target 8). */
  perEndpoint?: number;
  clock: Clock;
  log: Logger;
  /** Rings when the store committed something (a new event may be due). */
  doorbell: (listener: () => void) => () => void;
}

/** Who the relay's own attempts are recorded as, in every desktop's delivery log. */
export const RELAY_ACTOR = 'relay';

// Due retries and lapsed leases are found by polling this often (new events ring the doorbell).
const POLL_MS = 1_000;
// Fewest ms between two claims the doorbell asks for: every commit rings it.
const CLAIM_GAP_MS = 50;
// A lease outlives the attempt's timeout by this much, so a live relay always finishes first.
const LEASE_MARGIN_MS = 5_000;

/** The attempt as the relay's delivery log records it. */
function recorded(job: RelayForwardJob, request: OutgoingRequest, startedAt: number, result: SendResult) {
  const delivery: RecordedDelivery = {
    eventId: job.event.id,
    kind: 'forward',
    attempt: job.attempt,
    targetUrl: request.url,
    startedAt,
    durationMs: result.durationMs,
    by: RELAY_ACTOR,
    request: { method: request.method, headers: request.headers, ...bounded(request.body, false) },
    response: result.ok
      ? {
          status: result.response.status,
          headers: result.response.headers,
          ...bounded(result.response.body, result.response.truncated),
        }
      : null,
    error: result.ok ? null : result.error,
  };
  return delivery;
}

/**
 * Auto-forwarding on a relay whose store several processes share: each process claims due work
 * from the database (never an election), sends it with the desktop's retry policy and request
 * building, and records each attempt with the event's new forward state. At least once: a process
 * killed mid-send leaves its lease to lapse, and the attempt is sent again by whichever claims it.
 */
export class QueueForwarder {
  private inFlight = 0;
  private claiming = false;
  private again = false;
  private lastClaim = 0;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly abort = new AbortController();
  private readonly sends = new Set<Promise<void>>();
  private readonly concurrency: number;

  constructor(
    private readonly queue: RelayForwardQueue,
    private readonly options: QueueForwarderOptions,
  ) {
    this.concurrency = options.concurrency ?? 32;
  }

  /** Starts claiming: at once (forwards left open by a relay that stopped), on every commit, and every second. */
  start(): void {
    this.unsubscribe = this.options.doorbell(() => this.poke());
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    this.poke();
  }

  /** Stops claiming; sends in flight are interrupted and recorded as due again at once. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await Promise.all([...this.sends]);
  }

  private poke(): void {
    if (this.abort.signal.aborted) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    const wait = Math.max(0, this.lastClaim + CLAIM_GAP_MS - Date.now());
    setTimeout(() => void this.claim(), wait).unref();
  }

  private async claim(): Promise<void> {
    try {
      do {
        this.again = false;
        this.lastClaim = Date.now();
        const room = this.concurrency - this.inFlight;
        if (room <= 0 || this.abort.signal.aborted) break;
        const { policy, maxAgeMs, clock } = this.options;
        const jobs = await this.queue.claimForwards({
          limit: room,
          perEndpoint: this.options.perEndpoint ?? DEFAULT_PER_TARGET,
          leaseMs: policy.timeoutMs + LEASE_MARGIN_MS,
          maxAgeMs,
          now: clock.now(),
        });
        for (const job of jobs) this.track(this.send(job));
        // A full claim may have left more due: claim again. (One short of room is normal while an
        // endpoint is at its cap: its next events wait for a send to finish, which pokes.)
        if (jobs.length === room) this.again = true;
      } while (this.again);
    } catch (error) {
      // The store is down or busy: the next ring or poll tries again; nothing was claimed.
      this.options.log.warn('could not claim forwards', { error });
    } finally {
      this.claiming = false;
    }
  }

  private track(send: Promise<void>): void {
    this.inFlight++;
    this.sends.add(send);
    void send.finally(() => {
      this.inFlight--;
      this.sends.delete(send);
      this.poke();
    });
  }

  /** One attempt: send, then record it and the event's forward state under the lease. */
  private async send(job: RelayForwardJob): Promise<void> {
    const { policy, clock, log } = this.options;
    const target = job.endpoint.forwardUrl ?? '';
    try {
      const request = buildRequest(job.event, job.endpoint, target, {}, null);
      const startedAt = clock.now();
      const result = await sendRequest(request, { timeoutMs: policy.timeoutMs, signal: this.abort.signal });
      const delay = nextDelay(policy, job.attempt);
      // Cut off by this relay stopping: due again at once for whichever relay claims it next.
      const interrupted = this.abort.signal.aborted && !result.ok;
      const nextAttemptAt = interrupted
        ? clock.now()
        : shouldRetry(result) && delay !== null
          ? clock.now() + delay
          : null;
      const outcome = forwardOutcome(result, nextAttemptAt);
      const finished: RelayForwardResult = {
        delivery: recorded(job, request, startedAt, result),
        stage: outcome?.stage ?? 'gave_up',
        reason: outcome?.reason ?? null,
        nextAttemptAt,
      };
      const held = await this.queue.finishForward(job, finished, clock.now());
      if (!held) log.warn(`forward of ${job.event.id} was taken over by another relay (its lease lapsed)`);
    } catch (error) {
      // Not recorded (the store is down): the lease lapses and the attempt is made again.
      log.warn(`could not record the forward of ${job.event.id}`, { error });
    }
  }
}
