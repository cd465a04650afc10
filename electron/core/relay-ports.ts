/**
 * The relay's storage port: what an always-on relay process needs from its store. Asynchronous,
 * because the PostgreSQL implementation (several relay processes on one database) answers over the
 * network; the embedded implementation adapts the desktop's SQLite inbox to the same shapes, and
 * one behaviour suite runs against both.
 *
 * The relay feed is the one ordered cursor desktops mirror: endpoint changes, new events (whole,
 * byte-exact), event state changes (acks, notes, verdicts) and replays recorded by desktops, in the order they committed. Its ids
 * only grow, and an id becomes visible only after every smaller id is visible — a reader that
 * advanced past N never finds a new item below N later (on PostgreSQL, where sequences hand out
 * ids in start order, not commit order, items get their ids in a stamp after they commit: see
 * docs/RELAY-POSTGRES.md). Notifications (`onChange`) are a doorbell only: the feed is the truth.
 */
import type {
  AckOutcome,
  Endpoint,
  EndpointWithSecrets,
  EventSummary,
  StoredEvent,
} from '../../shared/types';
import type {
  AckResult,
  ClaimHolder,
  EndpointPatch,
  NewEndpointRow,
  NewEvent,
  RecordedDelivery,
  RetentionPolicy,
  RetentionResult,
} from './port-records';

/** A delivery attempt the relay recorded (a replay made on a desktop, or its own forward), with the relay's id; bodies bounded. */
export interface RelayDelivery extends RecordedDelivery {
  id: number;
}

/** An open forward a relay process claimed: it alone sends this attempt while its lease lives. */
export interface RelayForwardJob {
  event: StoredEvent;
  /** The endpoint as it stands (its forward URL is the target). */
  endpoint: EndpointWithSecrets;
  /** This attempt's number (1-based). */
  attempt: number;
  /** The claim's token: the attempt's outcome is written only while the event still holds it. */
  lease: string;
}

/** How a claimed forward attempt ended: the attempt to record and where the event's forward stands. */
export interface RelayForwardResult {
  delivery: RecordedDelivery;
  stage: 'retrying' | 'delivered' | 'gave_up';
  reason: string | null;
  nextAttemptAt: number | null;
}

/** What one claim of due forwards asks for (see RelayForwardQueue.claimForwards). */
export interface ForwardClaim {
  limit: number;
  perEndpoint: number;
  leaseMs: number;
  maxAgeMs: number;
  now: number;
}

/**
 * Auto-forwarding on a store several relay processes share: due work is claimed through the
 * database (PostgreSQL: `FOR UPDATE SKIP LOCKED`, then a lease on the event), never by an election.
 * A relay that dies mid-send leaves its lease to lapse; the attempt is then taken again (at least once).
 */
export interface RelayForwardQueue {
  /**
   * Claims up to `limit` due forwards (pending, a retry due, or an attempt whose lease lapsed) for
   * `leaseMs`, marking each `delivering` as a feed item, with at most `perEndpoint` in flight for
   * any one endpoint across all relays. Forwards older than `maxAgeMs`, or whose endpoint lost its
   * forward URL, are given up instead (fed too).
   */
  claimForwards(claim: ForwardClaim): Promise<RelayForwardJob[]>;
  /**
   * Records the attempt (a `delivery.recorded` item) and, while the event still holds `lease`, its
   * new forward state (an `event.updated` item), in one transaction. False when the lease was lost
   * (another relay took the forward over: the attempt is recorded, the state is the other's).
   */
  finishForward(
    job: Pick<RelayForwardJob, 'lease'>,
    result: RelayForwardResult,
    at: number,
  ): Promise<boolean>;
}

/** A member's access token as listed (the token itself is shown once at creation, stored hashed). */
export interface RelayToken {
  id: string;
  /** The member's name: acks through this token are recorded as this name. */
  name: string;
  readOnly: boolean;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** A token row to store: the hash (SHA-256 hex of the token), never the token. */
export interface NewRelayToken {
  id: string;
  name: string;
  readOnly: boolean;
  hash: string;
  createdAt: number;
}

/** One item of the relay feed, in commit order. */
export type RelayFeedItem =
  /** A captured event, whole: headers in order and the exact body bytes. */
  | { id: number; kind: 'event.created'; at: number; event: StoredEvent }
  /** An event's state changed (ack, unack, note, verdict): its summary as it stands now. */
  | { id: number; kind: 'event.updated'; at: number; event: EventSummary }
  /** A desktop recorded a delivery attempt (a replay) for an event: teammates add it to their delivery log. */
  | { id: number; kind: 'delivery.recorded'; at: number; delivery: RelayDelivery }
  /** An endpoint was created or changed (without its secrets), or deleted (`endpoint: null`). */
  | { id: number; kind: 'endpoint.changed'; at: number; endpointId: string; endpoint: Endpoint | null };

/** A page of the feed. */
export interface RelayFeedPage {
  items: RelayFeedItem[];
  /** Pass back as `after` for the next page (the last item's id, or the `after` given when empty). */
  next: number;
  /** True when more items were ready than the page could hold. */
  hasMore: boolean;
}

/** A page of the events a relay holds, in seq order. */
export interface RelayEventsPage {
  events: StoredEvent[];
  /** Pass back as `after` for the next page (the last event's seq, or the `after` given when empty). */
  next: number;
  hasMore: boolean;
}

/** Everything a relay process needs from storage. Every method is one unit of work. */
export interface RelayStore {
  /** Which store this is, for status and logs. */
  readonly kind: 'sqlite' | 'postgres';

  listEndpoints(): Promise<EndpointWithSecrets[]>;
  getEndpoint(id: string): Promise<EndpointWithSecrets | null>;
  /** Creates an endpoint with the caller's id; rejects with InboxError('conflict', …, {field}) when the id or label is taken. */
  createEndpoint(row: NewEndpointRow): Promise<void>;
  /** Rejects with InboxError('not_found') for an unknown id, InboxError('conflict', …, {field: 'label'}) for a taken label. */
  updateEndpoint(id: string, patch: EndpointPatch): Promise<void>;
  /** Deletes an endpoint (and, with purgeEvents, its events); returns how many events went. */
  deleteEndpoint(id: string, purgeEvents: boolean): Promise<number>;

  /** The receiver's group commit: one transaction; resolves with seqs in order, or rejects with none stored. */
  commit(batch: NewEvent[]): Promise<number[]>;
  getEvent(id: string): Promise<StoredEvent | null>;

  /**
   * The events held, by seq after `after`, oldest first: at most `limit` and about `maxBytes` of
   * bodies (always at least one). How a mirror whose feed cursor expired gets what it missed.
   */
  events(after: number, limit: number, maxBytes: number): Promise<RelayEventsPage>;

  /** Feed items after `after`, oldest first: at most `limit` items and about `maxBytes` of bodies (always at least one). */
  feed(after: number, limit: number, maxBytes: number): Promise<RelayFeedPage>;
  /** The newest feed id (0 when empty). */
  feedHead(): Promise<number>;
  /**
   * The highest feed id trimmed away by retention (0 when nothing was): a reader whose cursor is
   * below it has missed items and must be told (the API answers 410 `cursor_expired`). Ids only
   * grow and trimming takes the oldest, so reading this after a page proves the page lost nothing.
   */
  feedFloor(): Promise<number>;

  /** Acks events; a second ack keeps the first actor and time. Each ack is a feed item. */
  ack(ids: string[], by: string, outcome: AckOutcome, note: string | null, at: number): Promise<AckResult[]>;
  /** Returns events to pending (one boolean per id). Each unack is a feed item. */
  unack(ids: string[]): Promise<boolean[]>;

  /**
   * Claims pending events for `seconds` (a visibility timeout across desktops): one boolean per id,
   * false when another session's claim is live, the event is acked or unknown. Atomic per event
   * across relay processes; each claim taken is a feed item (`event.updated` with the claim).
   */
  claim(ids: string[], holder: ClaimHolder, seconds: number): Promise<{ claimed: boolean[]; until: number }>;
  /** Ends the session's claims (one boolean per id: false when it held none); each is a feed item. */
  release(ids: string[], session: string): Promise<boolean[]>;

  /** Forwarding through the database (several processes); null where one process forwards with the inbox's own forwarder (embedded). */
  readonly forwardQueue: RelayForwardQueue | null;

  /** Records a delivery attempt made on a desktop, as a feed item; null when its event is not stored. */
  recordDelivery(delivery: RecordedDelivery, at: number): Promise<number | null>;

  createToken(token: NewRelayToken): Promise<void>;
  listTokens(): Promise<RelayToken[]>;
  /** Revokes by id or name (every live token of that name); false when no live token matched. */
  revokeToken(idOrName: string, at: number): Promise<boolean>;
  /** The live (not revoked) token with this hash, marking it used; null when none. */
  useToken(hash: string, at: number): Promise<RelayToken | null>;

  /** Applies retention once across all relay processes (the others skip while one runs). */
  enforceRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult | null>;

  /** Rings after a commit by any relay process on this store (a doorbell: read the feed to learn what). */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Cuts events read in seq order (`limit + 1` of them, to tell whether more exist) to a page: at most
 * `limit`, and no more once `maxBytes` of bodies are in (the first event always goes).
 */
export function boundedEventsPage(
  read: StoredEvent[],
  after: number,
  limit: number,
  maxBytes: number,
): RelayEventsPage {
  const events: StoredEvent[] = [];
  let bytes = 0;
  for (const event of read) {
    if (events.length >= limit || (events.length > 0 && bytes >= maxBytes))
      return { events, next: events.at(-1)?.seq ?? after, hasMore: true };
    events.push(event);
    bytes += event.body.byteLength;
  }
  return { events, next: events.at(-1)?.seq ?? after, hasMore: false };
}
