/**
 * Domain types shared by the core, the UI API and the renderer.
 * Nothing here may import Node or DOM APIs: bodies are plain Uint8Array (Buffer is one).
 */
import type { EventSchemaCheck } from './schema-checks';

/** Provider scheme names accepted everywhere (CLI `--provider`, MCP `provider`, stored rows). */
export const PROVIDERS = [
  'auto',
  'generic',
  'github',
  'stripe',
  'standard-webhooks',
  'shopify',
  'slack',
  'twilio',
  'paddle',
  'linear',
  'square',
  'zoom',
  'intercom',
] as const;

/** One of {@link PROVIDERS}. */
export type ProviderName = (typeof PROVIDERS)[number];

/** Other names users know a scheme by. */
export const PROVIDER_ALIASES: Readonly<Record<string, ProviderName>> = {
  svix: 'standard-webhooks',
  clerk: 'standard-webhooks',
  'standard-webhook': 'standard-webhooks',
  standardwebhooks: 'standard-webhooks',
};

/** Resolves a user-typed provider name (case-insensitive, aliases allowed); null when unknown. */
export function parseProviderName(input: string): ProviderName | null {
  const name = input.trim().toLowerCase();
  const alias = PROVIDER_ALIASES[name];
  if (alias) return alias;
  return (PROVIDERS as readonly string[]).includes(name) ? (name as ProviderName) : null;
}

/** One header as received: original name casing, raw value. Order and repeats are preserved. */
export type HeaderPair = [name: string, value: string];

/** The verdict of a signature check. */
export type VerificationStatus = 'valid' | 'invalid' | 'unsigned' | 'no_secret' | 'error';

/** Why a verification failed, for people: what was read, what was signed, what we expected. */
export interface VerificationDiagnostics {
  /** The header(s) the signature was read from. */
  header?: string;
  /** The exact content that was signed (text; binary shown as base64 with a `base64:` prefix). */
  signedContent?: string;
  /** Signature(s) we computed, one per secret tried (never the secret itself). */
  expected?: string[];
  /** Signature(s) the request carried. */
  received?: string[];
  /** Hints for the usual causes (wrong secret, encoding, re-serialized body, clock skew, URL). */
  hints?: string[];
}

/** A stored verification verdict. "Signature matched" and "fresh" are separate facts. */
export interface Verification {
  status: VerificationStatus;
  /** Scheme used (a provider name), or null when none was detected. */
  scheme: ProviderName | null;
  /** One sentence a human understands, e.g. "Signature matches (secret #1)". */
  reason: string;
  /** Did some secret produce a matching signature? null when not checked. */
  signatureMatched: boolean | null;
  /** Was the signed timestamp within tolerance when the event arrived? null for schemes without one. */
  fresh: boolean | null;
  /** The signed timestamp (ms since epoch), when the scheme has one. */
  signedAt: number | null;
  /** When this verdict was computed (ms). */
  checkedAt: number;
  diagnostics?: VerificationDiagnostics;
}

/** Custom response an endpoint answers the sender with (after the event is committed). */
export interface CustomResponse {
  status: number;
  headers: HeaderPair[];
  body: string;
  delayMs: number;
}

/** Generic HMAC settings for senders with their own header/algorithm. */
export interface GenericHmacOptions {
  header: string;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  prefix: string;
}

/** How an endpoint verifies what it receives. */
export interface VerifyOptions {
  /** Accepted clock skew for timestamped schemes, seconds (default 300). */
  toleranceSeconds: number;
  /** The URL the sender signed (Twilio, Square); default: the endpoint's public URL. */
  publicUrl?: string;
  generic?: GenericHmacOptions;
}

/** Who created or acked something: `app`, `cli`, or `agent:<client name>`. */
export type Actor = string;

/** An endpoint ("registration") as shown everywhere; secrets are never included. */
export interface Endpoint {
  id: string;
  label: string;
  provider: ProviderName;
  secretCount: number;
  rejectInvalid: boolean;
  forwardUrl: string | null;
  response: CustomResponse | null;
  verify: VerifyOptions;
  createdAt: number;
  createdBy: Actor;
  paused: boolean;
  archived: boolean;
  /** When it stops receiving (answers 410 Gone), ms; null: never. Removed with its events a grace period later. */
  expiresAt: number | null;
  /** Event types (globs, e.g. `invoice.*`) agents are handed by default; null: every type. */
  eventTypes: string[] | null;
}

/** Endpoint including its secrets: only for the core and for the one answer after creation. */
export interface EndpointWithSecrets extends Endpoint {
  secrets: string[];
}

/** How an agent/user closed an event. */
export type AckOutcome = 'done' | 'ignored' | 'failed';

/** Subscription/URL checks that Hookline answers automatically (the request is still stored). */
export const HANDSHAKE_KINDS = [
  'slack.url_verification',
  'zoom.endpoint.url_validation',
  'cloudevents.validation',
  'eventgrid.subscription_validation',
] as const;

/** Which handshake a stored request was. */
export type HandshakeKind = (typeof HANDSHAKE_KINDS)[number];

/** Parses a stored handshake kind; null for anything else. */
export function parseHandshakeKind(value: unknown): HandshakeKind | null {
  return HANDSHAKE_KINDS.find((kind) => kind === value) ?? null;
}

/** An event without its payload: what lists show. */
export interface EventSummary {
  seq: number;
  id: string;
  endpointId: string;
  receivedAt: number;
  method: string;
  /** Path after `/h/<endpointId>`, starting with `/` (or empty). */
  path: string;
  /** Raw query string without `?` (empty when none). */
  query: string;
  bodySize: number;
  truncated: boolean;
  contentType: string | null;
  remoteAddr: string | null;
  provider: ProviderName | null;
  providerEventId: string | null;
  providerEventType: string | null;
  /** Where the event comes from, when the sender says (CloudEvents `source`). */
  providerEventSource: string | null;
  duplicateOf: string | null;
  /** Set when this request was a subscription handshake that Hookline answered for you. */
  handshake: HandshakeKind | null;
  verification: Verification;
  /** Status code the receiver answered with. */
  responseStatus: number;
  ackedAt: number | null;
  ackedBy: Actor | null;
  ackOutcome: AckOutcome | null;
  note: string | null;
  /** Imported (not received): the file it came from, or "stdin". Never auto-forwarded. */
  importedFrom: string | null;
  /** Where its auto-forward stands; null when it is not auto-forwarded (no forward URL, or imported). */
  forward: ForwardState | null;
  /** Schema violations found (0: valid); null when not checked yet or no schema applies. */
  schemaViolations: number | null;
  /** The last claim an agent took on it (see {@link isClaimLive}); null when never claimed or released. */
  claim: EventClaim | null;
}

/** An agent's hold on a pending event: other claiming agents skip it until `until` (a visibility timeout). */
export interface EventClaim {
  /** Who holds it, as acks name actors (`agent:<client name>`). */
  by: Actor;
  /** The holding MCP session (two processes of one client are two holders). */
  session: string;
  /** When the claim lapses, ms since epoch. */
  until: number;
}

/** Whether the event is claimed right now (pending, and the claim has not lapsed). */
export function isClaimLive(e: Pick<EventSummary, 'claim' | 'ackedAt'>, now: number): boolean {
  return e.claim !== null && e.ackedAt === null && e.claim.until > now;
}

/** Stages of an auto-forward: waiting, being sent, waiting for a retry, answered, abandoned. */
export type ForwardStage = 'pending' | 'delivering' | 'retrying' | 'delivered' | 'gave_up';

/** Durable state of one event's auto-forward, kept on the event so any later leader resumes it. */
export interface ForwardState {
  stage: ForwardStage;
  /** Attempts started so far. */
  attempts: number;
  /** When the next attempt is due (retrying), ms since epoch. */
  nextAttemptAt: number | null;
  /** Why it gave up, or what the last failed attempt said; null when there is nothing to tell. */
  reason: string | null;
}

/** A whole stored event: headers exactly as received and the raw body bytes. */
export interface StoredEvent extends EventSummary {
  headers: HeaderPair[];
  body: Uint8Array;
  /** What the schema check found (the first few violations and how many in all); null when not checked. */
  schemaCheck: EventSchemaCheck | null;
}

/** Where an event's automatic forwarding stands, from its last forward attempt. */
export type ForwardOutcome = 'delivered' | 'retrying' | 'failed';

/** An event's forwarding at a glance (for the list): the last forward attempt's outcome. */
export interface ForwardSummary {
  /** delivered: a 2xx; retrying: a retry is scheduled or an attempt is in flight; failed: gave up. */
  state: ForwardOutcome;
  /** Attempts made so far (the last attempt's number). */
  attempts: number;
  /** The last response's status, when there was one. */
  status: number | null;
  /** Why the last attempt failed (network error), when it did. */
  error: string | null;
  /** When the next retry is due (ms), while retrying. */
  nextAttemptAt: number | null;
}

/** One replay or forward attempt. */
export interface Delivery {
  id: number;
  eventId: string;
  kind: 'forward' | 'replay';
  targetUrl: string;
  attempt: number;
  startedAt: number;
  durationMs: number | null;
  /** `truncated`: the body was cut (a teammate's replay carried through the relay, see docs/RELAY.md). */
  request: { method: string; headers: HeaderPair[]; body: Uint8Array; truncated?: boolean };
  response: { status: number; headers: HeaderPair[]; body: Uint8Array; truncated: boolean } | null;
  error: string | null;
  /** Set while a retry is scheduled. */
  nextAttemptAt: number | null;
  /** Who made it elsewhere (`member/actor`, a replay synced from a relay); absent or null: made here. */
  by?: string | null;
}

/** Public reachability of the receiver. */
export interface TunnelStatus {
  kind: 'none' | 'localtunnel' | 'ngrok' | 'custom';
  state: 'off' | 'starting' | 'up' | 'reconnecting' | 'down';
  publicUrl: string | null;
  lastError: string | null;
  since: number;
}

/** Facts about the running inbox, readable by every process from the DB. */
export interface RuntimeInfo {
  leaderPid: number | null;
  receiverPort: number | null;
  localBaseUrl: string | null;
  tunnel: TunnelStatus;
  uiUrl: string | null;
  /** The leader's connection to a relay (null or absent: not connected, or no leader runs). */
  relay?: RelayStatus | null;
}

/** Where a desktop's connection to a relay stands (the mirror follows the relay's feed). */
export interface RelayStatus {
  /** The relay's base URL (its API is under /api/relay/v1). */
  url: string;
  /**
   * connecting: asking who we are; catching_up: reading missed items; connected: up to date and
   * following; error: retrying after `lastError` (or stopped, for a refused token).
   */
  state: 'connecting' | 'catching_up' | 'connected' | 'error';
  /** The member the token belongs to (acks are recorded as them). */
  member: string | null;
  readOnly: boolean;
  /** The relay's public URL: every endpoint URL handed out while connected is under it. */
  publicUrl: string | null;
  /** The last relay feed item applied locally. */
  cursor: number;
  /** Items applied since this catch-up began (while catching_up). */
  caughtUp: number;
  /** Items the relay still has beyond the cursor, when it says. */
  behind: number | null;
  /** Why it is in error, for people ("token revoked or unknown"); null when fine. */
  lastError: string | null;
  /** A machine-readable reason: unauthorized, read_only, network, http, cursor_expired, push. */
  errorCode: string | null;
  /** Something people should know that is not an error (e.g. a resync after the relay trimmed history). */
  notice: string | null;
  since: number;
}

/** One input field at fault: a dotted path into the input (`label`, `response.status`) and what is wrong. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * What a text search could not promise, for the place people look (list header, CLI stderr, MCP result).
 * Results are never wrong; these say when they may be incomplete.
 */
export interface SearchInfo {
  /** Events received but not yet in the search index; they were searched directly when `complete`. */
  indexing: number;
  /** Events in scope whose decoded body is longer than `limitBytes`: only their first part is searched. */
  partial: number;
  /** Decoded bytes of each body that search reads. */
  limitBytes: number;
  /** False when the search stopped (time budget) before reaching the end: continue from the cursor. */
  complete: boolean;
}
