import type { Change } from '../../shared/changes';
import type { Delivery } from '../../shared/types';
import type { Inbox } from '../core/inbox';
import { clearSchedule, runAttempt } from './attempt';
import { buildRequest } from './build-request';
import { type RetryPolicy, nextDelay, shouldRetry } from './retry-policy';

/** How the forwarder runs. */
export interface ForwarderOptions {
  policy: RetryPolicy;
  /** Requests in flight at once (default 8): a burst must not open thousands of sockets to a dev server. */
  concurrency?: number;
}

// A starting leader resumes forwards of events received this recently (imports are marked and skipped).
const FRESH_WINDOW_MS = 60_000;

/**
 * Auto-forwarding, run by the leader only: every new event of an endpoint with a forward URL is
 * sent there in the background, with retries on 5xx, connection errors and timeouts. The feed
 * listener only queues work, so the receiver's 2xx never waits for a forward.
 */
export class Forwarder {
  private readonly queue: (() => Promise<void>)[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private startedAt = 0;

  constructor(
    private readonly inbox: Inbox,
    private readonly options: ForwarderOptions,
  ) {}

  /** Starts listening for new events and resumes retries a previous leader had scheduled. */
  start(): void {
    this.startedAt = this.inbox.clock.now();
    this.unsubscribe = this.inbox.subscribe((change) => this.onChange(change));
    for (const delivery of this.inbox.deliveries.scheduledRetries()) this.scheduleRetry(delivery);
    // A leader killed between commit and send leaves accepted events unforwarded: pick them up.
    for (const { eventId, attempt } of this.inbox.deliveries.unfinishedForwards(
      this.startedAt - FRESH_WINDOW_MS,
    )) {
      this.enqueue(() => this.forward(eventId, attempt));
    }
  }

  /** Stops: pending timers are dropped (their rows keep next_attempt_at for the next leader), sends in flight are interrupted. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private onChange(change: Change): void {
    if (change.kind !== 'event.created' || !change.ref) return;
    // Most endpoints don't forward: decide from the cached endpoint before reading the whole event.
    if (change.endpointId && !this.inbox.endpointById(change.endpointId)?.forwardUrl) return;
    const eventId = change.ref;
    this.enqueue(() => this.forward(eventId, 1));
  }

  private enqueue(job: () => Promise<void>): void {
    if (this.abort.signal.aborted) return;
    this.queue.push(job);
    this.drain();
  }

  private drain(): void {
    const limit = this.options.concurrency ?? 8;
    while (this.inFlight.size < limit && this.queue.length > 0) {
      const job = this.queue.shift();
      if (!job) break;
      const running: Promise<void> = job()
        .catch((error: unknown) => this.inbox.log.error('forwarding failed', { error }))
        .finally(() => {
          this.inFlight.delete(running);
          this.drain();
        });
      this.inFlight.add(running);
    }
  }

  private async forward(eventId: string, attempt: number): Promise<void> {
    // Jobs start inside the feed listener, i.e. inside the receiver's commit: yield to the event loop
    // first so the sender's 2xx goes out before any of this work.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.abort.signal.aborted) return;
    const event = this.inbox.findEvent(eventId);
    if (!event) return;
    const endpoint = this.inbox.endpointById(event.endpointId);
    if (!endpoint?.forwardUrl) return;
    if (attempt === 1 && event.receivedAt < this.startedAt - FRESH_WINDOW_MS) return;
    // Imported events were delivered once already, by their sender: `import --forward` sends them itself.
    if (event.importedFrom !== null) return;
    // The sender was told no (reject_invalid): the app should not act on it either.
    if (endpoint.rejectInvalid && event.verification.status === 'invalid') return;
    const { policy } = this.options;
    const request = buildRequest(event, endpoint, endpoint.forwardUrl, {}, null);
    const { delivery } = await runAttempt(this.inbox, {
      eventId: event.id,
      kind: 'forward',
      attempt,
      request,
      limits: { timeoutMs: policy.timeoutMs, signal: this.abort.signal },
      schedule: (result) => {
        const delay = nextDelay(policy, attempt);
        // An interrupted attempt (leader stopping) is due at once for whichever process leads next.
        if (this.abort.signal.aborted) return this.inbox.clock.now();
        return shouldRetry(result) && delay !== null ? this.inbox.clock.now() + delay : null;
      },
    });
    if (delivery.nextAttemptAt !== null && !this.abort.signal.aborted) this.scheduleRetry(delivery);
  }

  private scheduleRetry(delivery: Delivery): void {
    const due = delivery.nextAttemptAt ?? this.inbox.clock.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        // The schedule is cleared as the retry is taken, so a crash now cannot make it run twice.
        clearSchedule(this.inbox, delivery);
        this.enqueue(() => this.forward(delivery.eventId, delivery.attempt + 1));
      },
      Math.max(0, due - this.inbox.clock.now()),
    );
    this.timers.add(timer);
  }
}
