import type { Change } from '../../shared/changes';
import type { Endpoint, ForwardStage } from '../../shared/types';
import { formatDuration } from '../base/duration';
import { DEFAULT_FORWARD_MAX_AGE_MS, tooOldReason } from '../core/forwarding';
import type { Inbox } from '../core/inbox';
import { clearSchedule, runAttempt } from './attempt';
import { buildRequest } from './build-request';
import { type RetryPolicy, nextDelay, shouldRetry } from './retry-policy';
import { TargetLanes } from './target-lanes';

/** How the forwarder runs. */
export interface ForwarderOptions {
  policy: RetryPolicy;
  /** Requests in flight at once per target origin (default 8): one slow target fills only its own lane. */
  perTarget?: number;
  /** Requests in flight at once in all (default four lanes' worth): a burst must not open thousands of sockets. */
  concurrency?: number;
  /** Forwards not sent within this time after their event arrived are given up, visibly (default 24 h). */
  maxAgeMs?: number;
}

const OPEN: readonly ForwardStage[] = ['pending', 'delivering', 'retrying'];

/** Sends in flight per target origin by default: what a local dev server takes without strain. */
export const DEFAULT_PER_TARGET = 8;

/**
 * Auto-forwarding, run by the leader only. Every event an endpoint with a forward URL receives is
 * stored with a pending forward state in the same commit; this sends it in the background, with
 * retries on 5xx, connection errors and timeouts, recording each step on the event. A leader that
 * starts resumes every open forward, however long nobody led — up to the age limit, beyond which
 * forwards are marked given up. Each target origin has its own queue and slots, served round-robin.
 */
export class Forwarder {
  private readonly lanes: TargetLanes;
  // Events queued, being sent or waiting for a retry here: each is handled once at a time.
  private readonly active = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly maxAgeMs: number;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly inbox: Inbox,
    private readonly options: ForwarderOptions,
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_FORWARD_MAX_AGE_MS;
    const perTarget = options.perTarget ?? DEFAULT_PER_TARGET;
    this.lanes = new TargetLanes(
      { perLane: perTarget, total: options.concurrency ?? perTarget * 4 },
      (error) => this.inbox.log.error('forwarding failed', { error }),
    );
  }

  /** Starts listening for new events and resumes every forward a previous leader left open. */
  start(): void {
    this.unsubscribe = this.inbox.subscribe((change) => this.onChange(change));
    const now = this.inbox.clock.now();
    let tooOld = 0;
    for (const open of this.inbox.deliveries.openForwards()) {
      if (this.expired(open.receivedAt)) {
        this.inbox.deliveries.giveUpForward(open.eventId, tooOldReason(this.maxAgeMs));
        tooOld++;
        continue;
      }
      const due = open.state.stage === 'retrying' ? (open.state.nextAttemptAt ?? now) : now;
      this.later(open.eventId, open.endpointId, due);
    }
    if (tooOld > 0)
      this.inbox.log.warn(
        `gave up ${tooOld} forward(s) not sent within --forward-max-age ${formatDuration(this.maxAgeMs)}`,
      );
  }

  /** Stops: timers are dropped (the events keep their state for the next leader), sends in flight are interrupted. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.lanes.clear();
    this.abort.abort();
    await this.lanes.idle();
  }

  private onChange(change: Change): void {
    if (change.kind !== 'event.created' || !change.ref || !change.endpointId) return;
    // Most endpoints don't forward: decide from the cached endpoint before reading the whole event.
    const endpoint = this.inbox.endpointById(change.endpointId);
    if (!endpoint?.forwardUrl || !this.sendsHere(change.ref, endpoint)) return;
    this.enqueue(change.ref, change.endpointId);
  }

  private enqueue(eventId: string, endpointId: string): void {
    if (this.abort.signal.aborted || this.active.has(eventId)) return;
    this.active.add(eventId);
    this.lanes.push(this.laneOf(endpointId), async () => {
      let retryAt: number | null = null;
      try {
        retryAt = await this.forward(eventId);
      } finally {
        this.active.delete(eventId);
        if (retryAt !== null) this.later(eventId, endpointId, retryAt);
      }
    });
  }

  /** Queues the event when `due` comes (at once when it has passed). */
  private later(eventId: string, endpointId: string, due: number): void {
    if (this.abort.signal.aborted || this.active.has(eventId)) return;
    const wait = due - this.inbox.clock.now();
    if (wait <= 0) {
      this.enqueue(eventId, endpointId);
      return;
    }
    this.active.add(eventId);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.active.delete(eventId);
      this.enqueue(eventId, endpointId);
    }, wait);
    this.timers.add(timer);
  }

  /**
   * Whether this desktop sends the event's forward: yes, unless a mirrored relay forwards its endpoint
   * and the event came from the relay (one captured on this laptop's own URL the relay never saw).
   */
  private sendsHere(eventId: string, endpoint: Endpoint | null): boolean {
    return !this.inbox.mirror.forwardedByRelay(endpoint) || this.inbox.deliveries.forwardsHere(eventId);
  }

  /** One attempt for an event whose forward is open; returns when to try again, or null. */
  private async forward(eventId: string): Promise<number | null> {
    // Jobs start inside the feed listener, i.e. inside the receiver's commit: yield to the event loop
    // first so the sender's 2xx goes out before any of this work.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.abort.signal.aborted) return null;
    const event = this.inbox.findEvent(eventId);
    // No forward state (imported, or the endpoint did not forward when it arrived) or already settled.
    if (!event?.forward || !OPEN.includes(event.forward.stage)) return null;
    if (this.expired(event.receivedAt)) {
      this.inbox.deliveries.giveUpForward(event.id, tooOldReason(this.maxAgeMs));
      return null;
    }
    const endpoint = this.inbox.endpointById(event.endpointId);
    // A mirrored relay forwards this endpoint: the event's forward state is the relay's, not ours to send or end.
    if (!this.sendsHere(event.id, endpoint)) return null;
    if (!endpoint?.forwardUrl) {
      this.inbox.deliveries.giveUpForward(event.id, 'the endpoint no longer has a forward URL');
      return null;
    }
    if (event.forward.stage === 'retrying') {
      // The retry is being taken: the previous attempt's schedule is done (the UI stops showing it).
      const previous = this.inbox.deliveries.forEvent(event.id).filter((d) => d.kind === 'forward');
      const last = previous.at(-1);
      if (last) clearSchedule(this.inbox, last);
    }
    const { policy } = this.options;
    const attempt = event.forward.attempts + 1;
    const request = buildRequest(event, endpoint, endpoint.forwardUrl, {}, null);
    const { delivery } = await runAttempt(this.inbox, {
      eventId: event.id,
      kind: 'forward',
      attempt,
      request,
      limits: { timeoutMs: policy.timeoutMs, signal: this.abort.signal },
      schedule: (result) => {
        const delay = nextDelay(policy, attempt);
        // An attempt cut off by the leader stopping is due at once for whichever process leads next
        // (one the target answered before the stop is done: resending it would deliver it twice).
        if (this.abort.signal.aborted && !result.ok) return this.inbox.clock.now();
        return shouldRetry(result) && delay !== null ? this.inbox.clock.now() + delay : null;
      },
    });
    return this.abort.signal.aborted ? null : delivery.nextAttemptAt;
  }

  private expired(receivedAt: number): boolean {
    return receivedAt < this.inbox.clock.now() - this.maxAgeMs;
  }

  /** Forwards queue per target origin, so one slow target cannot hold another's slots. */
  private laneOf(endpointId: string): string {
    const url = this.inbox.endpointById(endpointId)?.forwardUrl ?? '';
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  }
}
