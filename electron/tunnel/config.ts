import { InboxError } from '../core/errors';

/** The public localtunnel server used when `--tunnel-host` is not given. */
export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/** How often and how patiently the tunnel manager works (all milliseconds). */
export interface TunnelTimings {
  /** Interval of the end-to-end probe while up (default 30 s; env HOOKLINE_TUNNEL_PROBE_MS). */
  probeMs: number;
  /** First reconnect delay, doubled per failure (default 1 s; env HOOKLINE_TUNNEL_BACKOFF_MS). */
  backoffMs: number;
  /** Longest reconnect delay: 60 × the first one (default 60 s). */
  maxBackoffMs: number;
  /** Deadline of one connect or probe (default 10 s; env HOOKLINE_TUNNEL_TIMEOUT_MS). */
  timeoutMs: number;
}

function envMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 10) {
    throw new InboxError('invalid', `${name} must be a whole number of milliseconds ≥ 10, got "${raw}"`);
  }
  return n;
}

/** Timings from the environment; the variables exist so tests (and impatient users) need not wait 30 s. */
export function tunnelTimings(env: NodeJS.ProcessEnv = process.env): TunnelTimings {
  const backoffMs = envMs(env, 'HOOKLINE_TUNNEL_BACKOFF_MS', 1_000);
  return {
    probeMs: envMs(env, 'HOOKLINE_TUNNEL_PROBE_MS', 30_000),
    backoffMs,
    maxBackoffMs: backoffMs * 60,
    timeoutMs: envMs(env, 'HOOKLINE_TUNNEL_TIMEOUT_MS', 10_000),
  };
}

function parseHttpUrl(value: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InboxError('invalid', `${flag} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InboxError('invalid', `${flag} must start with http:// or https://, got "${value}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InboxError(
      'invalid',
      `${flag} must not contain credentials, a query or a fragment: "${value}"`,
    );
  }
  return url;
}

/** Checks `--tunnel-host`: a localtunnel server's origin (it serves registrations at its root only). */
export function checkTunnelHost(value: string): string {
  const url = parseHttpUrl(value, '--tunnel-host');
  if (url.pathname !== '/') {
    throw new InboxError(
      'invalid',
      `--tunnel-host must be a server origin without a path, e.g. ${url.origin}`,
    );
  }
  return url.origin;
}

/** Checks `--public-url` and returns it without a trailing slash (a path prefix is kept: reverse proxies use them). */
export function checkPublicUrl(value: string): string {
  return parseHttpUrl(value, '--public-url').href.replace(/\/+$/, '');
}

/** Checks `--ngrok-domain`: a bare host name (a domain reserved on the ngrok account). */
export function checkNgrokDomain(value: string): string {
  const host = value.trim().toLowerCase();
  if (
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)
  ) {
    throw new InboxError(
      'invalid',
      `--ngrok-domain must be a host name such as my-name.ngrok-free.app (no https://, no path), got "${value}"`,
    );
  }
  return host;
}
