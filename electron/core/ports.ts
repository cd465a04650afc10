/**
 * The core's storage ports: what the Inbox facade needs from a store, shaped by what the faces ask
 * for, not by SQL. `store/` implements them on SQLite; nothing outside `store/` writes SQL.
 *
 * Rules that keep a second, asynchronous implementation (PostgreSQL, for several relay processes)
 * possible: every method is one whole unit of work (its own transaction; no handle, statement or
 * open transaction leaks out), takes and returns plain data, and every write records its change-log
 * row in the same transaction and announces the commit through {@link ChangeSource.onCommit}. The
 * receiver's commit is already a promise ({@link EventPort.commit}); the facade's other reads are
 * synchronous today because SQLite answers in microseconds, and become promises on the day an
 * asynchronous store implements these same shapes.
 */
import type { Change, ChangeKind } from '../../shared/changes';
import type { ChaosRun, ChaosRunSummary } from '../../shared/chaos';
import type { AttachedSchema, SchemaCheckProgress } from '../../shared/schema-checks';
import type {
  AckOutcome,
  Delivery,
  EndpointWithSecrets,
  EventSummary,
  ForwardSummary,
  StoredEvent,
  Verification,
} from '../../shared/types';
import type { NewRelayToken, RelayToken } from './relay-ports';

export { DEFAULT_RETENTION } from './port-records';
export type {
  NewEvent,
  EventQuery,
  MatchCount,
  DeliveryState,
  SearchPage,
  AckResult,
  NewEndpointRow,
  EndpointPatch,
  NewDelivery,
  RecordedDelivery,
  DeliveryOutcome,
  RetentionPolicy,
  RetentionPlan,
  RetentionResult,
  EventCounts,
  PendingByStatus,
  AckRecord,
  OpenForward,
  ForwardTally,
  ClaimHolder,
  DeliveryAttempt,
  AttemptPage,
} from './port-records';
import type { MirrorApplied, MirrorCursor, MirrorEndpointOp, MirrorEventOp } from './mirror-records';
import type {
  AckRecord,
  AckResult,
  AttemptPage,
  ClaimHolder,
  DeliveryOutcome,
  EndpointPatch,
  EventCounts,
  EventQuery,
  ForwardTally,
  MatchCount,
  NewDelivery,
  NewEndpointRow,
  NewEvent,
  OpenForward,
  PendingByStatus,
  RecordedDelivery,
  RetentionPlan,
  RetentionPolicy,
  RetentionResult,
  SearchPage,
} from './port-records';
import type { SchemaCheckBatch, SchemaCheckOutcome } from './schema-records';

// ---- the ports ------------------------------------------------------------------------------------

/** Endpoints: the rows behind `/h/<id>`, with their secrets (the facade strips them for faces). */
export interface EndpointPort {
  list(): EndpointWithSecrets[];
  get(id: string): EndpointWithSecrets | null;
  /** By id, or by label (case-insensitive). */
  find(idOrLabel: string): EndpointWithSecrets | null;
  byLabel(label: string): EndpointWithSecrets | null;
  create(row: NewEndpointRow): void;
  update(id: string, patch: EndpointPatch): void;
  /** Deletes the endpoint; with `purgeEvents` its events too. Returns how many events were deleted. */
  delete(id: string, purgeEvents: boolean): number;
}

/** Events: the receiver's group commit, reads for every face, acks and verdicts. */
export interface EventPort {
  /** Commits a batch in one transaction (one fsync); resolves with the seqs in order, or rejects with none stored. */
  commit(batch: NewEvent[]): Promise<number[]>;
  get(id: string): StoredEvent | null;
  summary(id: string): EventSummary | null;
  /** Events matching the query (at most `limit`, default 50). */
  list(query: EventQuery): EventSummary[];
  /** Events matching a text search (query.text), newest first unless asked otherwise, at most `limit`. */
  search(query: EventQuery): SearchPage;
  /** How many events match (cursor/limit/order ignored); a text search counts at most `cap` matches. */
  count(query: EventQuery, cap: number): MatchCount;
  /** Total and pending counts per endpoint id. */
  counts(): Map<string, EventCounts>;
  /** The distinct provider event types stored, alphabetically: at most `limit`, and whether there are more. */
  types(limit: number): { types: string[]; more: boolean };
  /** Pending events of one endpoint by verdict, and the change-log position they are read at. */
  pendingByStatus(endpointId: string): PendingByStatus;
  /** Acks events (one result per id, in order); a second ack keeps the first actor and time. */
  ack(ids: string[], by: string, outcome: AckOutcome, note: string | null, at: number): AckResult[];
  /** Returns events to pending; one boolean per id (false: was not acked, or unknown). */
  unack(ids: string[]): boolean[];
  /**
   * Claims pending events for a holder until `until` (one boolean per id: false when acked, unknown,
   * or held by another session's live claim at `now`). Atomic per event across processes.
   */
  claim(ids: string[], holder: ClaimHolder, until: number, now: number): boolean[];
  /** Ends the session's claims on these events (one boolean per id: false when it held none). */
  release(ids: string[], session: string): boolean[];
  /** Ends every claim the session holds; returns the events' ids. */
  releaseAll(session: string): string[];
  setVerification(id: string, verification: Verification): void;
  /** The events an actor acked most recently, newest first. */
  recentAcksBy(actor: string, limit: number): AckRecord[];
  /** Applies the retention policy to the planned endpoints (and the change log). */
  enforceRetention(policy: RetentionPolicy, plans: RetentionPlan[], now: number): RetentionResult;
}

/** Delivery attempts: replays and auto-forwards. */
export interface DeliveryPort {
  /** Records an attempt as it starts (a forward's event becomes `delivering` in the same commit). */
  start(delivery: NewDelivery): number;
  /** Records how an attempt ended (and, for a forward, where the event's forward now stands). */
  finish(id: number, outcome: DeliveryOutcome): void;
  /** Records a whole attempt made elsewhere (a relay's record of a desktop's replay); null when its event is not stored. */
  record(delivery: RecordedDelivery): number | null;
  get(id: number): Delivery | null;
  forEvent(eventId: string): Delivery[];
  /** The newest `limit` attempts for one event (no bodies: cheap), and their total. */
  attemptsForEvent(eventId: string, limit: number): AttemptPage;
  /** How the last automatic forward of each of these events stands (absent: never forwarded). */
  lastForwards(eventIds: string[]): Map<string, ForwardSummary>;
  /** Events whose auto-forward is open, oldest first: what a starting leader resumes. */
  openForwards(): OpenForward[];
  /** True when this desktop sends the event's forward although a mirrored relay forwards its endpoint (captured here). */
  forwardsHere(eventId: string): boolean;
  /** Marks an open forward given up, with the reason people will see. */
  giveUpForward(eventId: string, reason: string): void;
  /** Open and given-up auto-forwards, for status. */
  forwardTally(): ForwardTally;
}

/** Small shared facts (runtime: leader, tunnel, UI session; agent heartbeats), as JSON values. */
export interface SettingsPort {
  get(key: string): unknown;
  withPrefix(prefix: string): { key: string; value: unknown }[];
  /** Writes a value and announces it with a change of `kind`. */
  set(key: string, value: unknown, kind: ChangeKind): void;
  delete(key: string, kind: ChangeKind): void;
  /**
   * Writes `value` only if `canReplace(current)` holds, checked and written in one exclusive
   * transaction (a lease: two processes asking at once cannot both win). Returns whether it wrote.
   */
  claim(key: string, value: unknown, kind: ChangeKind, canReplace: (current: unknown) => boolean): boolean;
}

/** The shared change log every process tails, and the local commit signal. */
export interface ChangeSource {
  /** Changes after `id`, oldest first. */
  since(id: number, limit?: number): Change[];
  /** The newest change id (0 when none). */
  latest(): number;
  /** The highest change id trimmed from the log (0 when none was): a reader behind it has missed changes. */
  floor(): number;
  /**
   * Called after every local commit, so this process hears its own writes at once — with the changes
   * that commit wrote when the store knows them (the feed then need not read them back), else none.
   */
  onCommit(listener: (written: readonly Change[]) => void): () => void;
}

/** Housekeeping of the storage itself. */
export interface MaintenancePort {
  /** Bytes on disk (database and log), for status. */
  sizeOnDisk(): number;
  /** "ok" when the storage is consistent. */
  integrityCheck(): string;
  /** Starts background log checkpoints (the leader calls it); null when the store needs none. */
  startCheckpoints(): { stop(): Promise<void> } | null;
  /** Starts filling the search index in the background (the leader calls it). */
  startIndexing(): { stop(): void };
  /** Indexes everything not yet indexed, now (imports, tests, benchmarks); returns how many. */
  indexNow(): number;
  close(): void;
}

/** Saved chaos delivery runs (`hookline chaos`), opened later by the CLI and the GUI. */
export interface ChaosRunPort {
  save(run: ChaosRun): void;
  get(id: string): ChaosRun | null;
  /** The newest runs, without their steps. */
  list(limit: number): ChaosRunSummary[];
}

/** The relay mirror's writes: feed items applied in order, each run with its cursor in one transaction. */
export interface MirrorPort {
  /** Applies event items in order and saves the cursor, in one transaction; new events announce `event.created`. */
  applyEvents(ops: MirrorEventOp[], cursor: MirrorCursor): MirrorApplied;
  /** Applies one endpoint item and saves the cursor, in one transaction. */
  applyEndpoint(op: MirrorEndpointOp, cursor: MirrorCursor): void;
  /** The saved cursor (null before the first item). */
  cursor(): MirrorCursor | null;
  /** Forgets the cursor (on disconnect, or to resync from what the relay still has). */
  resetCursor(): void;
}

/** A relay's member tokens (hashes only; the token is shown once, at creation). */
export interface RelayTokenPort {
  create(token: NewRelayToken): void;
  list(): RelayToken[];
  /** Revokes live tokens with this id or name; false when none matched. */
  revoke(idOrName: string, at: number): boolean;
  /** The live token with this hash, marked used at `at` (at most once a minute); null when none. */
  use(hash: string, at: number): RelayToken | null;
}

/** Schemas attached to endpoints and the background check of events against them. */
export interface SchemaPort {
  /** The schemas attached to an endpoint. */
  attached(endpointId: string): AttachedSchema[];
  /** Attaches (or replaces) a schema; re-checks the endpoint's events in the background. Returns how many. */
  attach(schema: AttachedSchema): number;
  /** Detaches a schema (false: none was attached); re-checks the endpoint's events. */
  detach(endpointId: string, eventType: string | null): boolean;
  /** Events not checked yet and re-checks under way. */
  progress(): SchemaCheckProgress;
  /** The next events to check (re-checks first), bounded in count and body bytes; null when none. */
  nextChecks(maxEvents: number, maxBytes: number): SchemaCheckBatch | null;
  /** Stores a batch's outcomes and moves its cursor in one unit; false (nothing written) when it was overtaken. */
  storeChecks(batch: SchemaCheckBatch, outcomes: (SchemaCheckOutcome | null)[]): boolean;
}

/** Everything the Inbox facade needs from storage. */
export interface InboxStore {
  readonly endpoints: EndpointPort;
  readonly events: EventPort;
  readonly deliveries: DeliveryPort;
  readonly settings: SettingsPort;
  readonly changes: ChangeSource;
  readonly maintenance: MaintenancePort;
  readonly chaosRuns: ChaosRunPort;
  readonly mirror: MirrorPort;
  readonly relayTokens: RelayTokenPort;
  readonly schemas: SchemaPort;
}
