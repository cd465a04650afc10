import type { ChaosRun, ChaosRunSummary } from '../../shared/chaos';
import type {
  AckOutcome,
  Endpoint,
  EndpointWithSecrets,
  EventSummary,
  ProviderName,
  RuntimeInfo,
  StoredEvent,
  Verification,
} from '../../shared/types';
import { ChangeFeed } from '../feed/change-feed';
import type { Durability } from '../store/database';
import { withoutSecrets } from '../store/endpoint-repo';
import type { AckResult, EventQuery } from '../store/event-repo';
import { Store } from '../store/store';
import { type Clock, systemClock } from './clock';
import { defaultVerifier } from './default-verifier';
import {
  type EndpointInput,
  checkLabel,
  checkProvider,
  checkResponse,
  checkSecrets,
  checkTargetUrl,
  checkVerifyOptions,
} from './endpoint-input';
import { InboxError } from './errors';
import { newEndpointId, newSecret } from './ids';
import { readRuntime } from './runtime';
import { signedUrl } from './signed-url';
import { type EndpointUrls, endpointUrls } from './urls';
import type { Verifier } from './verifier';

/** How to open an inbox. */
export interface InboxOptions {
  home: string;
  clock?: Clock;
  durability?: Durability;
  verifier?: Verifier;
  /** Start the change feed timer (off for one-shot CLI commands). */
  watch?: boolean;
}

/** What a new endpoint needs beyond EndpointInput. */
export interface CreateEndpointInput extends EndpointInput {
  label: string;
  /** Make a random `whsec_` secret when none is given (for senders that let you choose one). */
  generateSecret?: boolean;
}

/** Per-id result of an ack. */
export interface AckReport {
  eventId: string;
  result: AckResult;
}

/**
 * The Inbox facade: the one API the receiver, the UI server, the MCP server and the CLI call.
 * It validates input, applies the rules (labels, secrets, verification) and announces every change.
 */
export class Inbox {
  readonly store: Store;
  readonly feed: ChangeFeed;
  readonly clock: Clock;
  readonly verifier: Verifier;
  // Hot-path caches for the receiver, dropped whenever the change feed says the rows changed.
  private runtimeCache: RuntimeInfo | null = null;
  private readonly endpointCache = new Map<string, EndpointWithSecrets>();

  constructor(readonly options: InboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.verifier = options.verifier ?? defaultVerifier;
    this.store = new Store(options.home, { durability: options.durability, clock: this.clock });
    this.feed = new ChangeFeed(this.store.changes);
    this.feed.subscribe((change) => {
      if (change.kind === 'runtime.changed') this.runtimeCache = null;
      if (change.kind === 'endpoint.changed') this.endpointCache.clear();
    });
    if (options.watch !== false) this.feed.start();
  }

  /** The data directory. */
  get home(): string {
    return this.options.home;
  }

  // ---- endpoints -------------------------------------------------------------------------------

  /** Every endpoint, without secrets. */
  listEndpoints(): Endpoint[] {
    return this.store.endpoints.list().map(withoutSecrets);
  }

  /** The endpoint by id or label (with secrets: for the core only), or a not_found error. */
  endpointWithSecrets(idOrLabel: string): EndpointWithSecrets {
    const endpoint = this.store.endpoints.find(idOrLabel);
    if (!endpoint) throw new InboxError('not_found', `Endpoint "${idOrLabel}" not found`);
    return endpoint;
  }

  /** The endpoint by id or label, without secrets. */
  getEndpoint(idOrLabel: string): Endpoint {
    return withoutSecrets(this.endpointWithSecrets(idOrLabel));
  }

  /** Creates an endpoint; the result is the only place its secrets are shown. */
  createEndpoint(input: CreateEndpointInput, actor: string): EndpointWithSecrets {
    const label = checkLabel(input.label);
    if (this.store.endpoints.byLabel(label)) {
      throw new InboxError('conflict', `An endpoint labelled "${label}" already exists`);
    }
    const secrets = checkSecrets(input.secrets ?? []);
    if (secrets.length === 0 && input.generateSecret) secrets.push(newSecret());
    const id = newEndpointId();
    this.store.createEndpoint({
      id,
      label,
      provider: checkProvider(input.provider ?? 'auto'),
      secrets,
      rejectInvalid: input.rejectInvalid ?? false,
      forwardUrl: input.forwardUrl ? checkTargetUrl(input.forwardUrl) : null,
      response: checkResponse(input.response ?? null),
      verify: checkVerifyOptions(undefined, input.verify),
      createdAt: this.clock.now(),
      createdBy: actor,
    });
    this.feed.poke();
    return this.endpointWithSecrets(id);
  }

  /** Edits an endpoint; only given fields change. */
  updateEndpoint(idOrLabel: string, input: EndpointInput): Endpoint {
    const current = this.endpointWithSecrets(idOrLabel);
    const label = input.label === undefined ? undefined : checkLabel(input.label);
    if (label !== undefined) {
      const other = this.store.endpoints.byLabel(label);
      if (other && other.id !== current.id)
        throw new InboxError('conflict', `An endpoint labelled "${label}" already exists`);
    }
    this.store.updateEndpoint(current.id, {
      label,
      provider: input.provider === undefined ? undefined : checkProvider(input.provider),
      secrets: input.secrets === undefined ? undefined : checkSecrets(input.secrets),
      rejectInvalid: input.rejectInvalid,
      forwardUrl:
        input.forwardUrl === undefined
          ? undefined
          : input.forwardUrl
            ? checkTargetUrl(input.forwardUrl)
            : null,
      response: input.response === undefined ? undefined : checkResponse(input.response),
      verify: input.verify === undefined ? undefined : checkVerifyOptions(current.verify, input.verify),
      paused: input.paused,
    });
    this.feed.poke();
    return this.getEndpoint(current.id);
  }

  /** Deletes an endpoint; its events stay unless purged. Returns how many events were deleted. */
  deleteEndpoint(idOrLabel: string, purgeEvents: boolean): number {
    const endpoint = this.endpointWithSecrets(idOrLabel);
    const deleted = this.store.deleteEndpoint(endpoint.id, purgeEvents);
    this.feed.poke();
    return deleted;
  }

  /** The endpoint with this id (with secrets) for the receiver's hot path, cached; null when unknown. */
  endpointById(id: string): EndpointWithSecrets | null {
    const cached = this.endpointCache.get(id);
    if (cached) return cached;
    const endpoint = this.store.endpoints.get(id);
    if (endpoint) this.endpointCache.set(id, endpoint);
    return endpoint;
  }

  /** Where the endpoint can be reached right now. */
  urls(endpointId: string): EndpointUrls {
    return endpointUrls(endpointId, this.runtime());
  }

  // ---- events ----------------------------------------------------------------------------------

  /** Lists events (summaries). */
  listEvents(query: EventQuery): EventSummary[] {
    return this.store.events.list(query);
  }

  /** The whole event, or a not_found error. */
  getEvent(eventId: string): StoredEvent {
    const event = this.store.events.get(eventId);
    if (!event) throw new InboxError('not_found', `Event "${eventId}" not found`);
    return event;
  }

  /** Acks events for an actor (`app`, `cli`, `agent:<name>`). */
  ack(
    eventIds: string[],
    actor: string,
    outcome: AckOutcome = 'done',
    note: string | null = null,
  ): AckReport[] {
    const results = this.store.ack(eventIds, actor, outcome, note);
    this.feed.poke();
    return eventIds.map((eventId, i) => ({ eventId, result: results[i] ?? 'not_found' }));
  }

  /** Returns events to pending. */
  unack(eventIds: string[]): boolean[] {
    const results = this.store.unack(eventIds);
    this.feed.poke();
    return results;
  }

  /**
   * Re-runs verification for a stored event, with the endpoint's secrets or ones given now.
   * `save` stores the new verdict (when the user fixed the secret); otherwise it is only returned.
   */
  reverify(
    eventId: string,
    opts: { secrets?: string[]; provider?: string; save?: boolean } = {},
  ): Verification {
    const event = this.getEvent(eventId);
    const endpoint = this.store.endpoints.get(event.endpointId);
    const provider: ProviderName = opts.provider
      ? checkProvider(opts.provider)
      : (endpoint?.provider ?? 'auto');
    const secrets = opts.secrets ? checkSecrets(opts.secrets) : (endpoint?.secrets ?? []);
    const verify = checkVerifyOptions(endpoint?.verify, undefined);
    const url = signedUrl(event, verify, this.runtime());
    const verdict = this.verifier.verify(
      { method: event.method, url, headers: event.headers, body: event.body },
      provider,
      secrets,
      verify,
      this.clock.now(),
    );
    if (opts.save) {
      this.store.setVerification(event.id, event.endpointId, verdict);
      this.feed.poke();
    }
    return verdict;
  }

  // ---- runtime ---------------------------------------------------------------------------------

  /** Runtime facts shared by all processes (leader, ports, tunnel). */
  runtime(): RuntimeInfo {
    this.runtimeCache ??= readRuntime(this.store);
    return this.runtimeCache;
  }

  // ---- chaos runs --------------------------------------------------------------------------------

  /** Saves a finished chaos run (GUI and CLI open it later). */
  saveChaosRun(run: ChaosRun): void {
    this.store.saveChaosRun(run);
    this.feed.poke();
  }

  /** A saved chaos run, or a not_found error. */
  chaosRun(id: string): ChaosRun {
    const run = this.store.chaosRuns.get(id);
    if (!run) throw new InboxError('not_found', `Chaos run "${id}" not found`);
    return run;
  }

  /** The newest saved chaos runs, without their steps. */
  chaosRuns(limit = 20): ChaosRunSummary[] {
    return this.store.chaosRuns.list(limit);
  }

  /** Stops the feed and closes the database. */
  close(): void {
    this.feed.stop();
    this.store.close();
  }
}
