import { errorText } from '../base/logger';
/** Where the public side of a tunnel is, and how to dial it for the end-to-end probe. */
export interface TunnelEndpoint {
  /** The public base URL exactly as the provider granted it. */
  url: string;
  /**
   * Dial this address instead of resolving the URL's hostname (keeping the URL as Host header):
   * a localtunnel server run with `--domain localhost` grants `http://<sub>.localhost` names, which
   * Node's resolver does not know and which omit the server's real port.
   */
  connect: { host: string; port: number } | null;
}

/** What a (re)connect asks the provider for. */
export interface TunnelStartOptions {
  /** Subdomain to ask for (localtunnel); the server may grant another. */
  subdomain: string;
  /** Give up and reject when this fires (stop, or a start taking far too long). */
  signal: AbortSignal;
  /** Deadline of each network step (registration, first socket), ms. */
  stepTimeoutMs: number;
}

/** Why a running tunnel stopped working. */
export type DownListener = (reason: string) => void;

/**
 * A way to expose the receiver port publicly. The manager calls `start` for every (re)connect,
 * `close` before retrying, and listens for `down` to notice a tunnel that broke by itself.
 */
export interface TunnelProvider {
  readonly kind: 'localtunnel' | 'ngrok' | 'custom';
  /** Opens the tunnel to `localPort`; resolves once it can carry requests. */
  start(localPort: number, options: TunnelStartOptions): Promise<TunnelEndpoint>;
  /** Subscribes to "the tunnel broke" (only between a resolved start and the next close). */
  onDown(listener: DownListener): () => void;
  /** Closes the tunnel; safe to call at any time, also twice. */
  close(): Promise<void>;
}

/** Turns a thrown value into the one-line reason status shows. */
export function reasonOf(error: unknown): string {
  return errorText(error);
}
