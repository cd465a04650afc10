import type { TunnelStatus } from '../../shared/types';
import type { Clock } from '../base/clock';
import type { Inbox } from '../core/inbox';
import type { TunnelTimings } from './config';
import { type TunnelEndpoint, type TunnelProvider, reasonOf } from './provider';
import { type ProbeExpectation, probePublicUrl } from './public-probe';

/** What a manager needs; all passed in so tests can use a real server and short timings. */
export interface TunnelManagerOptions {
  inbox: Inbox;
  provider: TunnelProvider;
  localPort: number;
  subdomain: string;
  timings: TunnelTimings;
  expect: ProbeExpectation;
  clock: Clock;
}

// Most network steps one start may take (registrations while a name is being released, first socket).
const STEPS = 5;

type Patch = Pick<TunnelStatus, 'state' | 'publicUrl' | 'lastError'>;

/**
 * Keeps the public URL honest and alive: connects in the background (never blocking start-up),
 * calls it `up` only after a request went through it end to end, probes it every interval,
 * and reconnects a broken tunnel with backoff — the receiver keeps capturing locally throughout.
 *
 * States: `starting` (first attempt), `up`, `reconnecting` (was up, broke, first retry under way),
 * `down` (attempts fail; still retrying, `lastError` says why), `off` (stopped).
 */
export class TunnelManager {
  private status: TunnelStatus;
  private timer: NodeJS.Timeout | null = null;
  private attempt: AbortController | null = null;
  private endpoint: TunnelEndpoint | null = null;
  private granted: string | null = null;
  private delay: number;
  private epoch = 0;
  private stopped = false;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly o: TunnelManagerOptions) {
    this.delay = o.timings.backoffMs;
    this.status = {
      kind: o.provider.kind,
      state: 'starting',
      publicUrl: null,
      lastError: null,
      since: o.clock.now(),
    };
  }

  /** The status last published. */
  get current(): TunnelStatus {
    return this.status;
  }

  /** Publishes `starting` and connects in the background. */
  start(): void {
    this.publish();
    this.unsubscribe = this.o.provider.onDown((reason) => {
      if (this.status.state === 'up') this.fail(reason);
    });
    void this.connect();
  }

  private async connect(): Promise<void> {
    const epoch = this.epoch;
    const abort = new AbortController();
    this.attempt = abort;
    const { timeoutMs } = this.o.timings;
    // A safety net over the provider's per-step deadlines (a start may take a few steps).
    const deadline = setTimeout(
      () => abort.abort(new Error(`the tunnel did not open within ${STEPS * timeoutMs} ms`)),
      STEPS * timeoutMs,
    );
    try {
      const endpoint = await this.o.provider.start(this.o.localPort, {
        subdomain: this.o.subdomain,
        signal: abort.signal,
        stepTimeoutMs: timeoutMs,
      });
      clearTimeout(deadline);
      if (epoch !== this.epoch) return;
      this.noteGranted(endpoint.url);
      // Shown at once (a custom URL is even handed out from here on); `up` waits for the probe.
      this.set({ state: this.status.state, publicUrl: endpoint.url, lastError: this.status.lastError });
      const problem = await probePublicUrl(endpoint, this.o.expect, timeoutMs);
      if (epoch !== this.epoch) return;
      if (problem) return this.fail(`opened ${endpoint.url}, but a request through it failed: ${problem}`);
      this.endpoint = endpoint;
      this.delay = this.o.timings.backoffMs;
      this.set({ state: 'up', publicUrl: endpoint.url, lastError: null });
      this.later(() => this.probe(), this.o.timings.probeMs);
    } catch (error) {
      clearTimeout(deadline);
      if (epoch === this.epoch) this.fail(reasonOf(error));
    } finally {
      if (this.attempt === abort) this.attempt = null;
    }
  }

  /** The periodic end-to-end check while up: catches the silent disconnects localtunnel is known for. */
  private async probe(): Promise<void> {
    const epoch = this.epoch;
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const problem = await probePublicUrl(endpoint, this.o.expect, this.o.timings.timeoutMs);
    if (epoch !== this.epoch || this.status.state !== 'up') return;
    if (problem) this.fail(`the public URL stopped working: ${problem}`);
    else this.later(() => this.probe(), this.o.timings.probeMs);
  }

  /** Drops the current attempt or tunnel and schedules a reconnect with backoff. */
  private fail(reason: string): void {
    if (this.stopped) return;
    this.epoch++;
    this.attempt?.abort();
    this.endpoint = null;
    void this.o.provider.close().catch(() => undefined);
    const state = this.status.state === 'up' ? 'reconnecting' : 'down';
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.o.timings.maxBackoffMs);
    this.set({ state, publicUrl: this.granted, lastError: reason });
    if (state === 'reconnecting') this.o.inbox.log.warn(`tunnel down, reconnecting: ${reason}`);
    this.later(() => void this.connect(), wait);
  }

  private noteGranted(url: string): void {
    if (this.granted !== null && this.granted !== url) {
      this.o.inbox.log.info(`public URL changed from ${this.granted} to ${url}; endpoint URLs follow it`);
    } else if (
      this.granted === null &&
      this.o.provider.kind === 'localtunnel' &&
      !url.includes(`//${this.o.subdomain}.`)
    ) {
      this.o.inbox.log.warn(`the tunnel server did not grant subdomain "${this.o.subdomain}"; using ${url}`);
    }
    this.granted = url;
  }

  private later(fn: () => void, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, ms);
    this.timer.unref();
  }

  private set(patch: Patch): void {
    const s = this.status;
    if (s.state === patch.state && s.publicUrl === patch.publicUrl && s.lastError === patch.lastError) return;
    const since = s.state === patch.state ? s.since : this.o.clock.now();
    this.status = { kind: s.kind, ...patch, since };
    this.publish();
  }

  private publish(): void {
    try {
      this.o.inbox.facts.writeTunnel(this.status);
    } catch (error) {
      // The inbox may be closing under us at shutdown; status is moot then.
      if (!this.stopped) this.o.inbox.log.warn(`could not record tunnel status: ${reasonOf(error)}`);
    }
  }

  /** Stops retrying, closes the tunnel and publishes `off`. */
  async stop(): Promise<void> {
    this.set({ state: 'off', publicUrl: null, lastError: null });
    this.stopped = true;
    this.epoch++;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt?.abort();
    await this.o.provider.close();
  }
}
