import { InboxError } from '../core/errors';

/** Connection limits of the receiver (its port is public through the tunnel). */
export interface ConnectionLimits {
  /** Time from accept until all headers are in (default 10 s): idle and slowloris sockets are closed. */
  headersTimeoutMs: number;
  /** Open connections in total (default 512); at the cap the oldest idle one is closed, else new ones get 503. */
  maxConnections: number;
  /** Open connections from one address (default 128; every tunnelled request comes from loopback). */
  maxConnectionsPerPeer: number;
  /** Bytes of an oversize body read and dropped so the 413 reaches the sender (default 32 MiB). */
  oversizeDrainBytes: number;
}

/** The defaults, documented in README "Receiver limits". */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  maxConnections: 512,
  maxConnectionsPerPeer: 128,
  oversizeDrainBytes: 32 * 1024 * 1024,
};

const ENV: Record<keyof ConnectionLimits, string> = {
  headersTimeoutMs: 'HOOKLINE_HEADERS_TIMEOUT_MS',
  maxConnections: 'HOOKLINE_MAX_CONNECTIONS',
  maxConnectionsPerPeer: 'HOOKLINE_MAX_CONNECTIONS_PER_PEER',
  oversizeDrainBytes: 'HOOKLINE_OVERSIZE_DRAIN_BYTES',
};

/** The limits, each overridable by its environment variable; a bad value is a clear error naming it. */
export function connectionLimitsFromEnv(env: NodeJS.ProcessEnv): ConnectionLimits {
  const out = { ...DEFAULT_CONNECTION_LIMITS };
  for (const key of Object.keys(ENV) as (keyof ConnectionLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      throw new InboxError('invalid', `${ENV[key]} must be a whole number of at least 1, got "${raw}"`);
    }
    out[key] = n;
  }
  return out;
}
