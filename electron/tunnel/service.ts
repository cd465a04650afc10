import type { LeaderService } from '../core/core';
import { INSTANCE_ID } from '../core/instance-id';
import { writeTunnelStatus } from '../core/runtime';
import { DEFAULT_TUNNEL_HOST, checkPublicUrl, checkTunnelHost, tunnelTimings } from './config';
import { CustomUrlProvider } from './custom-provider';
import { LocaltunnelProvider } from './localtunnel-provider';
import { TunnelManager } from './manager';
import { checkSubdomain, subdomainFor } from './subdomain';

/** Tunnel settings from `serve` flags. */
export interface TunnelFlags {
  tunnel: 'localtunnel' | 'none';
  tunnelHost: string | undefined;
  subdomain: string | undefined;
  publicUrl: string | undefined;
}

/**
 * The leader's public-URL service for these flags: `--public-url` wins (the user runs their own
 * tunnel), else localtunnel, else none. Flags are checked here, before anything starts, so a typo
 * fails `serve` at once with a message instead of surfacing later as a "down" tunnel.
 */
export function tunnelService(
  flags: TunnelFlags,
  env: NodeJS.ProcessEnv = process.env,
): LeaderService | null {
  const publicUrl = flags.publicUrl === undefined ? undefined : checkPublicUrl(flags.publicUrl);
  const host = checkTunnelHost(flags.tunnelHost ?? DEFAULT_TUNNEL_HOST);
  if (flags.subdomain !== undefined) checkSubdomain(flags.subdomain);
  const timings = tunnelTimings(env);
  let manager: TunnelManager | null = null;
  return {
    name: 'tunnel',
    start({ inbox, receiverPort }) {
      if (!publicUrl && flags.tunnel === 'none') {
        // Overwrite whatever a previous leader (maybe killed) left, so nobody reports its tunnel.
        writeTunnelStatus(inbox.store, {
          kind: 'none',
          state: 'off',
          publicUrl: null,
          lastError: null,
          since: inbox.clock.now(),
        });
        inbox.feed.poke();
        return;
      }
      manager = new TunnelManager({
        inbox,
        provider: publicUrl ? new CustomUrlProvider(publicUrl) : new LocaltunnelProvider(host),
        localPort: receiverPort,
        subdomain: publicUrl ? '' : subdomainFor(inbox.store, flags.subdomain),
        timings,
        expect: { instance: INSTANCE_ID, dataDirId: inbox.dataDirId() },
        clock: inbox.clock,
        log: (line) => console.error(line),
      });
      manager.start();
    },
    async stop() {
      await manager?.stop();
      manager = null;
    },
  };
}
