/** The plain records the storage ports take and return (see ports.ts). */
import type {
  AckOutcome,
  CustomResponse,
  EventSummary,
  ForwardOutcome,
  ForwardStage,
  ForwardState,
  HandshakeKind,
  HeaderPair,
  ProviderName,
  SearchInfo,
  StoredEvent,
  VerificationStatus,
  VerifyOptions,
} from '../../shared/types';

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
  | 'claim'
  // Checked later, off the write path (the background schema checker).
  | 'schemaViolations'
  | 'schemaCheck'
> & {
  /** Set for imported events: the file (or "stdin") they came from. */
  importedFrom?: string | null;
  /** CloudEvents `source`, when the sender names one. */
  providerEventSource?: string | null;
  /** The handshake this request was, when Hookline answered one by itself. */
  handshake?: HandshakeKind | null;
  /** Body-and-signature fingerprint (core/redelivery.ts): marks byte-identical redeliveries. */
  redeliveryKey?: string | null;
  /** Its type is outside the endpoint's event-type filter: stored, but not handed to agents by default. */
  outsideFilter?: boolean;
  /**
   * Auto-forward it if its endpoint has a forward URL: the store then gives it a pending forward
   * state in the same commit. True for live captures the endpoint accepted; never for imports.
   */
  forward: boolean;
  /**
   * Forwarded by this desktop although a mirrored relay forwards its endpoint: it was captured on
   * this laptop's own URL, so the relay never saw it (core/mirror.ts markLocalForwards).
   */
  forwardHere?: boolean;
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
  /** true: only events acked as failed (the dead letter); false: none of them. */
  failed?: boolean;
  /** Provider event types (`invoice.paid`), exactly. */
  eventTypes?: string[];
  /** Provider event types by glob, any of them: `*` matches any run of characters (`invoice.*`, `*.created`). */
  typeGlobs?: string[];
  /** Received at or after this time (ms since epoch). */
  since?: number;
  /** Received before this time (ms since epoch). */
  until?: number;
  /** Leave out events with a live claim at this time (what a claiming agent may take next). */
  claimableAt?: number;
  /** false: leave out events outside their endpoint's event-type filter (what agents get by default). */
  outsideFilter?: boolean;
  /** Forwards and replays: some attempt got a 2xx (`delivered`), attempts but none did (`failed`), none made. */
  delivery?: DeliveryState;
  /** Substring search (see core/search-query.ts) over method, path, query, headers and the decoded body. */
  text?: string;
  /** By the last automatic forward's outcome ('none': never forwarded). */
  forward?: ForwardOutcome | 'none';
  /** Only events whose schema check found violations. */
  schemaViolations?: boolean;
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
  /** Absent: never expires. */
  expiresAt?: number | null;
  /** Absent: every type. */
  eventTypes?: string[] | null;
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
  expiresAt?: number | null;
  eventTypes?: string[] | null;
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

/** A whole attempt made elsewhere (a teammate's replay, or the relay's forward, synced through the relay), recorded in one go. */
export interface RecordedDelivery {
  eventId: string;
  kind: 'replay' | 'forward';
  /** A forward's attempt number (a replay's is 1; absent: 1). */
  attempt?: number;
  targetUrl: string;
  startedAt: number;
  durationMs: number | null;
  /** Who made it: `member/actor` as the relay recorded it. */
  by: string;
  request: { method: string; headers: HeaderPair[]; body: Uint8Array; truncated: boolean };
  response: { status: number; headers: HeaderPair[]; body: Uint8Array; truncated: boolean } | null;
  error: string | null;
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

/** Total, pending (not acked) and failed (acked as failed: the dead letter) events of one endpoint. */
export interface EventCounts {
  total: number;
  pending: number;
  failed: number;
}

/** Who takes a claim: the actor people see and the MCP session that holds it. */
export interface ClaimHolder {
  by: string;
  session: string;
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

/** One replay or forward attempt without its bodies: what a list of attempts shows. */
export interface DeliveryAttempt {
  id: number;
  kind: 'forward' | 'replay';
  targetUrl: string;
  attempt: number;
  startedAt: number;
  /** null while the attempt is in flight. */
  durationMs: number | null;
  status: number | null;
  error: string | null;
  nextAttemptAt: number | null;
}

/** The newest attempts for one event and how many there are in all. */
export interface AttemptPage {
  total: number;
  /** Newest first, at most the limit asked for. */
  attempts: DeliveryAttempt[];
}
