/** The shapes shared by the trigger catalogue, the request builder and the faces. */
import type { HeaderPair } from '../../shared/types';
import type { SchemeName } from '../signatures/types';

/** Fresh values for one send: every id and timestamp in a template comes from here. */
export interface Fresh {
  /** Signing and event time, ms. */
  now: number;
  /** now in Unix seconds. */
  seconds: number;
  /** now as an ISO 8601 string. */
  iso: string;
  /** A random id such as `evt_1Q2w3E4r…` (prefix plus base62). */
  id(prefix: string, length?: number): string;
  /** A random UUID v4. */
  uuid(): string;
  /** n random decimal digits. */
  digits(n: number): string;
  /** n random lowercase hex characters. */
  hex(n: number): string;
}

/** A payload: a JSON value, or form fields (Twilio, Slack commands) in order. */
export type TemplateBody = { kind: 'json'; value: unknown } | { kind: 'form'; fields: [string, string][] };

/** What a template produces before signing: the body and the provider's own headers. */
export interface TemplateRequest {
  body: TemplateBody;
  /** Delivery id, event type, user agent… (never the signature: the signer adds it). */
  headers: HeaderPair[];
}

/** One event type a provider sends. */
export interface Template {
  /** The event type as the provider names it (`payment_intent.succeeded`, `pull_request.opened`). */
  type: string;
  /** One line for `trigger --list`. */
  description: string;
  build: (fresh: Fresh) => TemplateRequest;
}

/** A provider's catalogue. */
export interface ProviderCatalogue {
  /** The scheme that signs it. */
  scheme: SchemeName;
  /** Where the shapes come from, for `trigger --list`. */
  source: string;
  templates: () => Template[];
}
