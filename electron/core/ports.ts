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
import type {
  AckOutcome,
  CustomResponse,
  Delivery,
  EndpointWithSecrets,
  EventSummary,
  ForwardOutcome,
  ForwardStage,
  ForwardState,
  ForwardSummary,
  HandshakeKind,
  HeaderPair,
  ProviderName,
  SearchInfo,
  StoredEvent,
  Verification,
  VerificationStatus,
  VerifyOptions,
} from '../../shared/types';

// ---- records the ports take -----------------------------------------------------------------------

/**
 * Everything the receiver captured about one request, ready to store: a stored event without what
 * the store decides (seq, body size, duplicate link) or what comes later (ack, note).
 */
export type NewEvent = Omit<
  StoredEvent,
  | 'seq'
  | 'bodySize'
  | 'duplicateOf'
  | 'ackedAt'
  | 'ackedBy'
  | 'ackOutcome'
  | 'note'
  | 'importedFrom'
  | 'providerEventSource'
  | 'handshake'
  | 'forward'
> & {
  /** Set for imported events: the file (or "stdin") they came from. */
  importedFrom?: string | null;
  /** CloudEvents `source`, when the sender names one. */
  providerEventSource?: string | null;
  /** The handshake this request was, when Hookline answered one by itself. */
  handshake?: HandshakeKind | null;
  /**
   * Auto-forward it if its endpoint has a forward URL: the store then gives it a pending forward
   * state in the same commit. True for live captures the endpoint accepted; never for imports.
   */
  forward: boolean;
};

/** Filters for listing events. Cursors are `seq` values. */
export interface EventQuery {
  endpointIds?: string[];
  /** Oldest first (agents, paging forward) or newest first (people). */
  order?: 'asc' | 'desc';
  /** Only events with seq greater than this (asc) — or less than this (desc). */
  cursor?: number;
  limit?: number;
  methods?: string[];
  verification?: VerificationStatus[];
  /** true: only acked; false: only pending; undefined: both. */
  acked?: boolean;
  /** Provider event types (`invoice.paid`), exactly. */
  eventTypes?: string[];
  /** Forwards and replays: some attempt got a 2xx (`delivered`), attempts but none did (`failed`), none made. */
  delivery?: DeliveryState;
  /** Substring search (see core/search-query.ts) over method, path, query, headers and the decoded body. */
  text?: string;
  /** By the last automatic forward's outcome ('none': never forwarded). */
  forward?: ForwardOutcome | 'none';
}

/** How many events match; a text search stops at a cap (capped) and says what it could not promise. */
export interface MatchCount {
  count: number;
  capped: boolean;
  search?: SearchInfo;
}

/** Where an event's deliveries (forwards and replays) stand. */
export type DeliveryState = 'delivered' | 'failed' | 'none';

/** A page of search results, and what the search could not promise. */
export interface SearchPage {
  events: EventSummary[];
  /** Pass back as the cursor for more: set when more matches may exist (past the limit, or past a stop). */
  nextCursor: number | null;
  info: SearchInfo;
}

/** Result of acking one id. */
export type AckResult = 'acked' | 'already_acked' | 'not_found';

/** Fields a new endpoint row needs (id and secrets are decided by the caller). */
export interface NewEndpointRow {
  id: string;
  label: string;
  provider: ProviderName;
  secrets: string[];
  rejectInvalid: boolean;
  forwardUrl: string | null;
  response: CustomResponse | null;
  verify: VerifyOptions;
  createdAt: number;
  createdBy: string;
}

/** Changeable endpoint fields; absent = unchanged. */
export interface EndpointPatch {
  label?: string;
  provider?: ProviderName;
  secrets?: string[];
  rejectInvalid?: boolean;
  forwardUrl?: string | null;
  response?: CustomResponse | null;
  verify?: VerifyOptions;
  paused?: boolean;
  archived?: boolean;
}

/** A delivery attempt as it starts. */
export interface NewDelivery {
  eventId: string;
  kind: 'forward' | 'replay';
  targetUrl: string;
  attempt: number;
  startedAt: number;
  request: { method: string; headers: HeaderPair[]; body: Uint8Array };
}

/** How an attempt ended. */
export interface DeliveryOutcome {
  durationMs: number;
  response: { status: number; headers: HeaderPair[]; body: Uint8Array; truncated: boolean } | null;
  error: string | null;
  nextAttemptAt: number | null;
  /** For a forward: where the event's forward stands after this attempt (absent: unchanged). */
  forward?: { stage: Exclude<ForwardStage, 'pending' | 'delivering'>; reason: string | null };
}

/**
 * How much history each endpoint keeps. Trusted events (core/trust.ts) and untrusted ones have
 * separate budgets, so a flood of junk cannot push real events out; a pending trusted event is
 * never deleted to make room (it is kept beyond the budget, and the retention report says so).
 */
export interface RetentionPolicy {
  /**
   * Trusted events kept per endpoint (default 10,000); beyond it the oldest acked ones go, and
   * pending ones are kept — up to ten times this, beyond which even they go, loudly.
   */
  maxEventsPerEndpoint: number;
  /** Untrusted events (failed, unsigned where a secret is set, errors) kept per endpoint (default 1,000). */
  maxUntrustedPerEndpoint: number;
  /** Acked or untrusted events older than this are deleted (ms); null keeps them regardless of age. */
  maxAgeMs: number | null;
}

/** The default: 10,000 trusted and 1,000 untrusted events per endpoint, no age limit. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  maxEventsPerEndpoint: 10_000,
  maxUntrustedPerEndpoint: 1_000,
  maxAgeMs: null,
};

/** One endpoint's events to trim, and which verdicts count as trusted there. */
export interface RetentionPlan {
  endpointId: string;
  trusted: VerificationStatus[];
}

/** What one retention run did. */
export interface RetentionResult {
  /** Events deleted, trusted (acked) and untrusted together. */
  deleted: number;
  /** Of those, untrusted ones. */
  deletedUntrusted: number;
  /**
   * Of those, pending trusted ones: only beyond ten times the trusted budget, where the disk must
   * win (an endpoint without a secret trusts anything, so a flood there is otherwise unbounded).
   */
  deletedPending: number;
  /** Per endpoint: unhandled trusted events (pending, or forward still open) kept beyond the budget. */
  keptOverLimit: { endpointId: string; count: number }[];
}

/** Total and pending (not acked) events of one endpoint. */
export interface EventCounts {
  total: number;
  pending: number;
}

/** Pending events of one endpoint by verdict, with the change-log position the counts include. */
export interface PendingByStatus {
  byStatus: Map<VerificationStatus, number>;
  asOf: number;
}

/** One event an actor acked. */
export interface AckRecord {
  eventId: string;
  ackedAt: number;
  outcome: AckOutcome | null;
}

/** An event whose auto-forward is not finished (pending, being sent, or waiting for a retry). */
export interface OpenForward {
  eventId: string;
  endpointId: string;
  receivedAt: number;
  state: ForwardState;
}

/** How many auto-forwards are open and how many were given up. */
export interface ForwardTally {
  open: number;
  gaveUp: number;
}

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
  /** Pending events of one endpoint by verdict, and the change-log position they are read at. */
  pendingByStatus(endpointId: string): PendingByStatus;
  /** Acks events (one result per id, in order); a second ack keeps the first actor and time. */
  ack(ids: string[], by: string, outcome: AckOutcome, note: string | null, at: number): AckResult[];
  /** Returns events to pending; one boolean per id (false: was not acked, or unknown). */
  unack(ids: string[]): boolean[];
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
  get(id: number): Delivery | null;
  forEvent(eventId: string): Delivery[];
  /** How the last automatic forward of each of these events stands (absent: never forwarded). */
  lastForwards(eventIds: string[]): Map<string, ForwardSummary>;
  /** Events whose auto-forward is open, oldest first: what a starting leader resumes. */
  openForwards(): OpenForward[];
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
  /** Called after every local commit, so this process hears its own writes at once. */
  onCommit(listener: () => void): () => void;
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

/** Everything the Inbox facade needs from storage. */
export interface InboxStore {
  readonly endpoints: EndpointPort;
  readonly events: EventPort;
  readonly deliveries: DeliveryPort;
  readonly settings: SettingsPort;
  readonly changes: ChangeSource;
  readonly maintenance: MaintenancePort;
  readonly chaosRuns: ChaosRunPort;
}
