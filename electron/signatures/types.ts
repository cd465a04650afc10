/**
 * Internal contracts between the verification engine and the per-provider scheme files.
 * A scheme only knows how to read its headers and what the sender signed; the engine owns
 * matching, freshness, verdict wording and hints, so every provider explains itself the same way.
 */
import type { HeaderPair, ProviderName, VerifyOptions } from '../../shared/types';
import type { HmacAlgorithm } from './bytes';

/** What a sender signed. url = the full URL the sender used (public URL + path + query). */
export interface SignableRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

/** A concrete scheme (every provider name except `auto`). */
export type SchemeName = Exclude<ProviderName, 'auto'>;

/** One signature as the request carried it. */
export interface ReceivedSignature {
  /** The value as it appeared (for diagnostics). */
  text: string;
  /** Decoded digest bytes, or null when the value could not be decoded. */
  bytes: Uint8Array | null;
  /** Why it could not be decoded (shown as a hint). */
  problem?: string;
}

/** One candidate for the exact content the sender signed. */
export interface SignedInput {
  content: Uint8Array;
  received: ReceivedSignature[];
  /** Signed timestamp in ms, when the scheme carries one. */
  signedAt: number | null;
  /** Rebuilds the content around another body; lets hints test "re-serialized JSON" guesses. */
  withBody?: (body: Uint8Array) => Uint8Array;
  /** For URL-signing schemes: which URL this candidate assumes. */
  url?: string;
  /** False for guesses (e.g. http vs https) whose match only produces a hint, never `valid`. */
  acceptable: boolean;
}

/** A secret turned into HMAC key bytes the way the provider does it. */
export type KeyResult = { key: Uint8Array } | { error: string };

/** Another way a sender may have turned the secret into a key, tried only to explain a mismatch. */
export interface AlternateKey {
  key: Uint8Array;
  /** Reason used when this key matches, e.g. "…made with the base64-decoded secret…". */
  explanation: string;
}

/** A signature was found and parsed; the engine takes it from here. */
export interface ParsedSignature {
  kind: 'signed';
  /** Header(s) read, for diagnostics, e.g. "Stripe-Signature". */
  header: string;
  algorithm: HmacAlgorithm;
  /** Formats a digest the way the header carries it (e.g. `v1=<hex>`). */
  format: (digest: Uint8Array) => string;
  /** Candidates; the first acceptable one is what diagnostics show. */
  inputs: SignedInput[];
  /** Whether the scheme signs a timestamp (then `fresh` is reported). */
  timestamped: boolean;
  /** A check besides the HMAC that must pass (Twilio's bodySHA256). */
  bodyCheck?: { ok: boolean; reason: string };
  /** Provider-specific remarks shown with every verdict. */
  notes?: string[];
  /** Key derivation; default: the secret's UTF-8 bytes. */
  keyFor?: (secret: string, index: number) => KeyResult;
  /** Other key derivations to test when nothing matched; default: trimmed and whsec_-decoded. */
  alternateKeys?: (secret: string) => AlternateKey[];
  /**
   * For public-key signatures (Standard Webhooks v1a, ed25519): checks one received signature
   * against the key keyFor returned, instead of comparing HMACs. No expected value can be shown.
   */
  asymmetric?: (publicKey: Uint8Array, content: Uint8Array, signature: Uint8Array) => boolean;
}

/** What a scheme found in a request. */
export type ParseOutcome =
  | { kind: 'unsigned' }
  /** The sender's header is unusable: verdict `invalid`. */
  | { kind: 'malformed'; header: string; reason: string; received?: string[]; hints?: string[] }
  /** We cannot check it (missing configuration such as the public URL): verdict `error`. */
  | { kind: 'error'; header?: string; reason: string; hints?: string[] }
  | ParsedSignature;

/** A provider's signature scheme. */
export interface Scheme {
  name: SchemeName;
  /** Display name, e.g. "Stripe". */
  title: string;
  /** Headers a sender of this scheme signs with. */
  headers: string[];
  /** Whether these headers (and body, when known) look like this scheme. */
  detect: (headers: HeaderPair[], body?: Uint8Array) => boolean;
  parse: (req: SignableRequest, options: VerifyOptions) => ParseOutcome;
  /** Headers to set on a re-signed request (the caller merges them into the original headers). */
  sign: (req: SignableRequest, secret: string, options: VerifyOptions, now: number) => HeaderPair[];
}
