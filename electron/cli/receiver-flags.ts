import type { LeaderFlags } from '../app/leader-services';
import { formatDuration, parseDuration } from '../base/duration';
import { DEFAULT_FORWARD_MAX_AGE_MS } from '../core/forwarding';
import { DEFAULT_RETENTION } from '../core/ports';
import { DEFAULT_RECEIVER_PORT } from '../core/urls';
import { DEFAULT_CONNECTION_LIMITS as L } from '../receiver/limits';
import { DEFAULT_MAX_BODY } from '../receiver/server';
import { UsageError, intFlag } from './command';

/** Flags of every command that may lead (serve, mcp): the receiver port and how it is made public. */
export const RECEIVER_FLAG_OPTIONS = {
  port: { type: 'string', short: 'p' },
  tunnel: { type: 'string' },
  'tunnel-host': { type: 'string' },
  subdomain: { type: 'string' },
  'public-url': { type: 'string' },
  'ngrok-domain': { type: 'string' },
  keep: { type: 'string' },
  'keep-untrusted': { type: 'string' },
  'forward-max-age': { type: 'string' },
  'max-body': { type: 'string' },
  relay: { type: 'string' },
  'relay-token': { type: 'string' },
} as const;

/** Help lines for mirroring a relay. */
export const RELAY_HELP = `  --relay URL --relay-token T
                    mirror a relay's inbox (hookline relay): its events stream into this inbox,
                    in order, and catch up after sleep; endpoints made here are made on the relay
                    and get its public URL; acks go both ways. Saved in the inbox settings (the GUI
                    and the next start use it). The token may come from HOOKLINE_RELAY_TOKEN. With
                    --relay the tunnel defaults to none (senders reach the relay)`;

/** Help lines for the leader's limits (--max-body, --keep, --keep-untrusted, --forward-max-age, connection limits) and ngrok. */
export const LIMITS_HELP = `  --tunnel ngrok    public URL through ngrok: needs NGROK_AUTHTOKEN; --ngrok-domain D uses your
                    reserved (e.g. free static) domain, else ngrok picks one
  --max-body BYTES  largest accepted body (default 10 MiB; bigger gets 413)
  --keep N          trusted events kept per endpoint; older acked ones are deleted, pending ones
                    are kept and reported by status (default ${DEFAULT_RETENTION.maxEventsPerEndpoint})
  --keep-untrusted N
                    untrusted events (bad or missing signature where a secret is set) kept per
                    endpoint, on their own budget so junk cannot push real events out (default ${DEFAULT_RETENTION.maxUntrustedPerEndpoint})
  --forward-max-age DURATION
                    auto-forwards not sent within this time (e.g. while no Hookline ran) are given
                    up and marked so on the event: 90s, 30m, 24h, 7d (default ${formatDuration(DEFAULT_FORWARD_MAX_AGE_MS)})
  Connection limits: HOOKLINE_HEADERS_TIMEOUT_MS (default ${L.headersTimeoutMs}), HOOKLINE_MAX_CONNECTIONS (${L.maxConnections}),
  HOOKLINE_MAX_CONNECTIONS_PER_PEER (${L.maxConnectionsPerPeer}), HOOKLINE_OVERSIZE_DRAIN_BYTES (${L.oversizeDrainBytes}): see the README`;

/** Parsed receiver flags. */
export interface ReceiverFlags extends LeaderFlags {
  /** A relay to mirror (saved in the inbox settings before the core starts). */
  relay: { url: string; token: string } | null;
  port: number;
  maxBody: number;
  /** `--port` was given: receiving elsewhere (following a leader on another port) is then an error. */
  portExplicit: boolean;
}

/** Reads {@link RECEIVER_FLAG_OPTIONS} values; the tunnel defaults to localtunnel, retention to 10,000. */
export function receiverFlags(
  values: {
    port?: string;
    tunnel?: string;
    'tunnel-host'?: string;
    subdomain?: string;
    'public-url'?: string;
    'ngrok-domain'?: string;
    keep?: string;
    'keep-untrusted'?: string;
    'forward-max-age'?: string;
    'max-body'?: string;
    relay?: string;
    'relay-token'?: string;
  },
  env: NodeJS.ProcessEnv = process.env,
): ReceiverFlags {
  const relay = relayFlags(values.relay, values['relay-token'], env.HOOKLINE_RELAY_TOKEN);
  // Senders reach a relay, so a laptop that mirrors one needs no tunnel unless asked for one.
  const tunnel = values.tunnel ?? (relay ? 'none' : 'localtunnel');
  if (tunnel !== 'localtunnel' && tunnel !== 'ngrok' && tunnel !== 'none') {
    throw new UsageError(`--tunnel must be localtunnel, ngrok or none, got "${tunnel}"`);
  }
  if (values['ngrok-domain'] !== undefined && tunnel !== 'ngrok') {
    throw new UsageError('--ngrok-domain needs --tunnel ngrok');
  }
  if (tunnel === 'ngrok' && (values.subdomain !== undefined || values['tunnel-host'] !== undefined)) {
    throw new UsageError('--subdomain and --tunnel-host are for localtunnel; with ngrok use --ngrok-domain');
  }
  return {
    relay,
    port: intFlag(values.port, 'port', DEFAULT_RECEIVER_PORT),
    portExplicit: values.port !== undefined,
    tunnel,
    tunnelHost: values['tunnel-host'],
    subdomain: values.subdomain,
    publicUrl: values['public-url'],
    ngrokDomain: values['ngrok-domain'],
    keep: Math.max(1, intFlag(values.keep, 'keep', DEFAULT_RETENTION.maxEventsPerEndpoint)),
    keepUntrusted: Math.max(
      0,
      intFlag(values['keep-untrusted'], 'keep-untrusted', DEFAULT_RETENTION.maxUntrustedPerEndpoint),
    ),
    forwardMaxAgeMs: durationFlag(values['forward-max-age'], 'forward-max-age', DEFAULT_FORWARD_MAX_AGE_MS),
    maxBody: intFlag(values['max-body'], 'max-body', DEFAULT_MAX_BODY),
  };
}

function relayFlags(
  url: string | undefined,
  flagToken: string | undefined,
  envToken: string | undefined,
): ReceiverFlags['relay'] {
  if (url === undefined) {
    if (flagToken !== undefined) throw new UsageError('--relay-token needs --relay URL');
    return null;
  }
  const token = flagToken ?? envToken;
  if (!token) throw new UsageError('--relay needs a token: --relay-token T (or HOOKLINE_RELAY_TOKEN)');
  if (!/^https?:\/\/[^/]/i.test(url)) throw new UsageError(`--relay must be an http(s) URL, got "${url}"`);
  return { url, token };
}

function durationFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0)
    throw new UsageError(`--${name} must be a duration like 90s, 30m, 24h or 7d, got "${value}"`);
  return ms;
}
