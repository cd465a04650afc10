import type { RelayView } from './relay-text';
/**
 * The UI API's wire shapes: what its results carry (bytes as base64, since JSON has no binary type).
 * The method map and params live in `shared/api.ts`, which re-exports these.
 */
import type {
  AckOutcome,
  Delivery,
  Endpoint,
  EventSummary,
  ForwardSummary,
  HeaderPair,
  RuntimeInfo,
  StoredEvent,
} from './types';

/** Where an endpoint can be reached (mirrors electron/core/urls EndpointUrls). */
export interface ApiEndpointUrls {
  local: string;
  public: string | null;
  url: string;
  kind: 'public' | 'local';
  receiving: boolean;
}

/** Who forwards an endpoint's events while a relay is mirrored (`--forward-from`). */
export type ForwardFromChoice = 'auto' | 'relay' | 'here';

/** An endpoint as the sidebar shows it: its URLs and how many events it has. */
export interface ApiEndpoint extends Endpoint {
  urls: ApiEndpointUrls;
  /** Who sends its auto-forwards: the relay this desktop mirrors, this desktop, or nobody (no forward URL). */
  forwardedBy: 'relay' | 'here' | null;
  /** The choice made for it (`auto`: targets on this machine or network stay here, public ones go to the relay). */
  forwardFrom: ForwardFromChoice;
  total: number;
  pending: number;
  /** Acked as failed: the dead letter. */
  failed: number;
}

/**
 * A row of the event list: the summary (with its durable forward state) and the outcome of its last
 * forward attempt, for the list's badge (null: never attempted).
 */
export interface ApiEventRow extends EventSummary {
  lastForward: ForwardSummary | null;
}

/** A whole event on the wire: the body as base64, and as text when it is UTF-8. */
export interface ApiEvent extends Omit<StoredEvent, 'body'> {
  receivedAtIso: string;
  /** Addresses the sender claims in X-Forwarded-For/Forwarded/X-Real-IP: unverified, never the source. */
  claimedForwardedFor: string[];
  bodyBase64: string;
  bodyText: string | null;
}

/** A delivery attempt on the wire (bodies as base64). */
export interface ApiDelivery extends Omit<Delivery, 'request' | 'response'> {
  startedAtIso: string;
  /** `truncated`: the request body was cut (a teammate's replay synced through the relay). */
  request: { method: string; headers: HeaderPair[]; bodyBase64: string; truncated?: boolean };
  response: {
    status: number;
    headers: HeaderPair[];
    bodyBase64: string;
    /** The response body when it is UTF-8, else null. */
    bodyText: string | null;
    truncated: boolean;
  } | null;
}

/** A connected (or recently seen) MCP agent process, from its heartbeat. */
export interface ApiAgent {
  key: string;
  pid: number | null;
  client: string;
  clientVersion: string | null;
  startedAt: number | null;
  lastSeen: number | null;
  /** Heartbeat is recent and the process is alive. */
  connected: boolean;
  /** Events this client acked most recently (newest first). */
  recentAcks: Array<{ eventId: string; ackedAt: number; outcome: AckOutcome | null }>;
}

/** A ready-to-paste MCP configuration for one client. */
export interface ApiMcpSnippet {
  client: string;
  title: string;
  /** Where it goes, for people (a file path or "run in a terminal"). */
  where: string;
  text: string;
}

/** What the status bar and the tray badge show. */
export interface ApiStatus {
  version: string;
  home: string;
  role: 'leader' | 'follower' | null;
  runtime: RuntimeInfo;
  eventTotal: number;
  /** Events not yet acked (the tray badge). */
  pendingTotal: number;
  /** Events acked as failed (the dead letter). */
  failedTotal: number;
  /** The relay this inbox mirrors, or null. */
  relay: RelayView | null;
  dbBytes: number;
  serverTime: number;
}

/** One event type the trigger catalogue can send. */
export interface ApiTriggerType {
  provider: string;
  type: string;
  description: string;
}

/** One synthetic event sent (mirrors electron/trigger/run TriggerResult). */
export interface ApiTriggerResult {
  provider: string;
  type: string;
  url: string;
  deliveryId: string | null;
  status: number | null;
  error: string | null;
  durationMs: number;
  answer: string;
  stored: {
    eventId: string;
    verification: 'valid' | 'invalid' | 'unsigned' | 'no_secret' | 'error';
    reason: string;
  } | null;
}
