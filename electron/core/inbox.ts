import type {
  AckOutcome,
  Endpoint,
  EndpointWithSecrets,
  EventSummary,
  RuntimeInfo,
  StoredEvent,
  Verification,
} from '../../shared/types';
import { type Clock, systemClock } from '../base/clock';
import { type Logger, createLogger } from '../base/logger';
import { AgentRegistry } from './agent-registry';
import { ChangeFeed, type ChangeListener } from './change-feed';
import { ChaosRuns } from './chaos-runs';
import { Claims } from './claims';
import { dataDirId } from './data-dir-id';
import { defaultVerifier } from './default-verifier';
import { DeliveryLog } from './delivery-log';
import type { EndpointInput } from './endpoint-input';
import {
  type CreateEndpointInput,
  endpointPatch,
  newEndpointRow,
  rotatedSecrets,
  withoutSecrets,
} from './endpoint-rows';
import { EndpointSchemas } from './endpoint-schemas';
import { InboxError } from './errors';
import type { AckReport, InboxOptions } from './inbox-options';
import { Maintenance } from './maintenance';
import { MirrorState } from './mirror';
import type {
  EventCounts,
  EventQuery,
  InboxStore,
  MatchCount,
  NewEvent,
  PendingByStatus,
  SearchPage,
} from './ports';
import { RelaySupport } from './relay-support';
import { type ReverifyOptions, reverifyEvent } from './reverify';
import { RuntimeFacts } from './runtime';
import { type EndpointUrls, endpointUrls } from './urls';
import type { Verifier } from './verifier';

export type { CreateEndpointInput };
export type { AckReport, InboxOptions };

/**
 * The Inbox facade: the one API the receiver, the UI server, the MCP server, the CLI, delivery and
 * the tunnel call. It validates input and applies the rules (labels, secrets, verification); its
 * store and change feed are private, and every write the store commits announces itself.
 */
export class Inbox {
  readonly clock: Clock;
  readonly verifier: Verifier;
  readonly log: Logger;
  /** Replay and forward attempts. */
  readonly deliveries: DeliveryLog;
  /** Runtime facts shared by all processes (leader, tunnel, UI address). */
  readonly facts: RuntimeFacts;
  /** Agents connected through `hookline mcp`. */
  readonly agents: AgentRegistry;
  /** Retention, checkpoints, size and consistency of the storage. */
  readonly maintenance: Maintenance;
  /** Saved chaos delivery runs. */
  readonly chaosRuns: ChaosRuns;
  /** Agents' claims on pending events (safe sharing: a visibility timeout). */
  readonly claims: Claims;
  /** The relay this inbox mirrors: its connection, cursor and the feed items applied in order. */
  readonly mirror: MirrorState;
  /** What a relay's embedded store needs: endpoints with secrets, the raw change log, member tokens. */
  readonly relay: RelaySupport;
  /** JSON Schemas attached to endpoints and the background check of events against them. */
  readonly schemas: EndpointSchemas;
  private readonly ports: InboxStore;
  private readonly feed: ChangeFeed;
  private readonly stopAnnouncing: () => void;
  // Hot-path caches for the receiver, dropped whenever the change feed says the rows changed.
  private runtimeCache: RuntimeInfo | null = null;
  private readonly endpointCache = new Map<string, EndpointWithSecrets>();

  constructor(readonly options: InboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.verifier = options.verifier ?? defaultVerifier;
    this.log = options.log ?? createLogger();
    this.ports = options.store;
    this.deliveries = new DeliveryLog(this.ports.deliveries);
    this.facts = new RuntimeFacts(this.ports.settings);
    this.agents = new AgentRegistry(this.ports.settings, this.ports.events);
    this.chaosRuns = new ChaosRuns(this.ports.chaosRuns);
    this.claims = new Claims(this.ports.events, this.clock, () => {
      const connection = options.remoteClaims ? this.mirror.connection() : null;
      return connection && options.remoteClaims
        ? { port: options.remoteClaims(connection), prefix: this.dataDirId() }
        : null;
    });
    this.mirror = new MirrorState(this.ports, this.facts, () => this.dataDirId());
    this.relay = new RelaySupport(
      this.ports.endpoints,
      this.ports.changes,
      this.ports.relayTokens,
      this.ports.deliveries,
    );
    this.schemas = new EndpointSchemas(this.ports.schemas, this.clock, (e) => this.getEndpoint(e).id);
    this.maintenance = new Maintenance(
      {
        events: this.ports.events,
        endpoints: this.ports.endpoints,
        settings: this.ports.settings,
        storage: this.ports.maintenance,
      },
      this.clock,
      this.log,
    );
    this.feed = new ChangeFeed(this.ports.changes, this.log);
    // Writes announce themselves: the store signals each commit and the feed reads it at once.
    this.stopAnnouncing = this.ports.changes.onCommit((written) => this.feed.poke(written));
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

  // ---- changes ---------------------------------------------------------------------------------

  /** Hears every change: this process's at once, other processes' within one feed tick. */
  subscribe(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  /** The newest change this process has heard of (a cursor for "what happened since"). */
  get changePosition(): number {
    return this.feed.position;
  }

  /** Reads changes other processes made since the last tick now (before answering "what is new"). */
  catchUp(): void {
    this.feed.poke();
  }

  // ---- endpoints -------------------------------------------------------------------------------

  /** Every endpoint, without secrets. */
  listEndpoints(): Endpoint[] {
    return this.ports.endpoints.list().map(withoutSecrets);
  }

  /** The endpoint by id or label (with secrets: for the core only), or a not_found error. */
  endpointWithSecrets(idOrLabel: string): EndpointWithSecrets {
    const endpoint = this.ports.endpoints.find(idOrLabel);
    if (!endpoint) throw new InboxError('not_found', `Endpoint "${idOrLabel}" not found`);
    return endpoint;
  }

  /** The endpoint by id or label, without secrets; null when unknown. */
  findEndpoint(idOrLabel: string): Endpoint | null {
    const endpoint = this.ports.endpoints.find(idOrLabel);
    return endpoint ? withoutSecrets(endpoint) : null;
  }

  /** The endpoint with exactly this label (with secrets: the caller shows them once), or null. */
  endpointByLabel(label: string): EndpointWithSecrets | null {
    return this.ports.endpoints.byLabel(label);
  }

  /** The endpoint by id or label, without secrets. */
  getEndpoint(idOrLabel: string): Endpoint {
    return withoutSecrets(this.endpointWithSecrets(idOrLabel));
  }

  /** Creates an endpoint; the result is the only place its secrets are shown. */
  createEndpoint(input: CreateEndpointInput, actor: string): EndpointWithSecrets {
    const row = newEndpointRow(input, actor, this.clock.now());
    if (this.ports.endpoints.byLabel(row.label)) {
      throw new InboxError('conflict', `An endpoint labelled "${row.label}" already exists`, {
        field: 'label',
      });
    }
    this.ports.endpoints.create(row);
    return this.endpointWithSecrets(row.id);
  }

  /** Edits an endpoint; only given fields change. */
  updateEndpoint(idOrLabel: string, input: EndpointInput): Endpoint {
    const current = this.endpointWithSecrets(idOrLabel);
    const patch = endpointPatch(current, input, this.clock.now());
    const other = patch.label === undefined ? null : this.ports.endpoints.byLabel(patch.label);
    if (other && other.id !== current.id) {
      throw new InboxError('conflict', `An endpoint labelled "${patch.label}" already exists`, {
        field: 'label',
      });
    }
    this.ports.endpoints.update(current.id, patch);
    return this.getEndpoint(current.id);
  }

  /**
   * Edits an endpoint while rotating its secrets without the caller seeing them: `add` goes first (so
   * replays are re-signed with the newest), `removeAt` drops stored secrets by position. One write.
   */
  updateEndpointRotatingSecrets(
    idOrLabel: string,
    input: EndpointInput,
    edits: { add: string[]; removeAt: number[] },
  ): Endpoint {
    const current = this.endpointWithSecrets(idOrLabel);
    return this.updateEndpoint(current.id, { ...input, secrets: rotatedSecrets(current, input, edits) });
  }

  /** Deletes an endpoint; its events stay unless purged. Returns how many events were deleted. */
  deleteEndpoint(idOrLabel: string, purgeEvents: boolean): number {
    const endpoint = this.endpointWithSecrets(idOrLabel);
    return this.ports.endpoints.delete(endpoint.id, purgeEvents);
  }

  /** The endpoint with this id (with secrets) for the receiver's hot path, cached; null when unknown. */
  endpointById(id: string): EndpointWithSecrets | null {
    const cached = this.endpointCache.get(id);
    if (cached) return cached;
    const endpoint = this.ports.endpoints.get(id);
    if (endpoint) this.endpointCache.set(id, endpoint);
    return endpoint;
  }

  /** Where the endpoint can be reached right now (`askedPort`: this process's receiver port, used while none receives). */
  urls(endpointId: string, askedPort?: number): EndpointUrls {
    return endpointUrls(endpointId, this.runtime(), askedPort);
  }

  // ---- events ----------------------------------------------------------------------------------

  /** Commits received (or imported) events in one transaction; resolves with their seqs once durable. */
  commitEvents(batch: NewEvent[]): Promise<number[]> {
    return this.ports.events.commit(this.mirror.markLocalForwards(batch));
  }

  /** Lists events (summaries). */
  listEvents(query: EventQuery): EventSummary[] {
    return this.ports.events.list(query);
  }

  /** A page of text-search results (query.text; see core/search-query.ts), with what it could not promise. */
  searchEvents(query: EventQuery): SearchPage {
    return this.ports.events.search(query);
  }

  /** How many events match; a text search counts at most `cap` matches and says what it could not promise. */
  countEvents(query: EventQuery, cap: number): MatchCount {
    return this.ports.events.count(query, cap);
  }

  /** The event without its payload, or null when unknown. */
  eventSummary(eventId: string): EventSummary | null {
    return this.ports.events.summary(eventId);
  }

  /** The whole event, or null when unknown. */
  findEvent(eventId: string): StoredEvent | null {
    return this.ports.events.get(eventId);
  }

  /** The distinct provider event types stored (for a type filter's suggestions), at most `limit`. */
  eventTypes(limit: number): { types: string[]; more: boolean } {
    return this.ports.events.types(limit);
  }

  /** Total, pending and failed counts per endpoint id. */
  eventCounts(): Map<string, EventCounts> {
    return this.ports.events.counts();
  }

  /** Pending events of one endpoint by verdict (outside its event-type filter left out), with the change position. */
  pendingByStatus(endpointId: string): PendingByStatus {
    return this.ports.events.pendingByStatus(endpointId);
  }

  /** The whole event, or a not_found error. */
  getEvent(eventId: string): StoredEvent {
    const event = this.findEvent(eventId);
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
    const results = this.ports.events.ack(eventIds, actor, outcome, note, this.clock.now());
    return eventIds.map((eventId, i) => ({ eventId, result: results[i] ?? 'not_found' }));
  }

  /** Returns acked events (failed ones too: the dead letter's re-queue) to pending. */
  unack(eventIds: string[]): boolean[] {
    return this.ports.events.unack(eventIds);
  }

  /**
   * Re-runs verification for a stored event, with the endpoint's secrets or ones given now.
   * `save` stores the new verdict (when the user fixed the secret); otherwise it is only returned.
   */
  reverify(eventId: string, opts: ReverifyOptions & { save?: boolean } = {}): Verification {
    const event = this.getEvent(eventId);
    const endpoint = this.ports.endpoints.get(event.endpointId);
    const deps = { verifier: this.verifier, runtime: this.runtime(), now: this.clock.now() };
    const verdict = reverifyEvent(event, endpoint, opts, deps);
    if (opts.save) this.ports.events.setVerification(event.id, verdict);
    return verdict;
  }

  // ---- runtime ---------------------------------------------------------------------------------

  /** Runtime facts shared by all processes (leader, ports, tunnel). */
  runtime(): RuntimeInfo {
    this.runtimeCache ??= this.facts.read();
    return this.runtimeCache;
  }

  private dataDirIdCache: string | null = null;

  /** An opaque identity of this inbox for `/healthz`: equal for every process on this data directory. */
  dataDirId(): string {
    this.dataDirIdCache ??= dataDirId(this.ports.settings, this.home);
    return this.dataDirIdCache;
  }

  /** Stops the feed and closes the store. */
  close(): void {
    this.feed.stop();
    this.stopAnnouncing();
    this.ports.maintenance.close();
  }
}
