import { INSTANCE_ID } from '../core/instance-id';
import type { LeaderService } from '../core/leader-service';
import {
  DEFAULT_TUNNEL_HOST,
  checkNgrokDomain,
  checkPublicUrl,
  checkTunnelHost,
  tunnelTimings,
} from './config';
import { CustomUrlProvider } from './custom-provider';
import { LocaltunnelProvider } from './localtunnel-provider';
import { TunnelManager } from './manager';
import { MISSING_NGROK_TOKEN, NgrokProvider } from './ngrok-provider';
import type { TunnelProvider } from './provider';
import { checkSubdomain, subdomainFor } from './subdomain';

/** Tunnel settings from `serve` flags. */
export interface TunnelFlags {
  tunnel: 'localtunnel' | 'ngrok' | 'none';
  /** A domain reserved on the ngrok account (`--ngrok-domain`); only with `--tunnel ngrok`. */
  ngrokDomain?: string | undefined;
  tunnelHost: string | undefined;
  subdomain: string | undefined;
  publicUrl: string | undefined;
}

/**
 * The leader's public-URL service for these flags: `--public-url` wins (the user runs their own
 * tunnel), else localtunnel or ngrok (token from NGROK_AUTHTOKEN), else none. Flags are checked here, before anything starts, so a typo
 * fails `serve` at once with a message instead of surfacing later as a "down" tunnel.
 */
export function tunnelService(
  flags: TunnelFlags,
  env: NodeJS.ProcessEnv = process.env,
): LeaderService | null {
  const publicUrl = flags.publicUrl === undefined ? undefined : checkPublicUrl(flags.publicUrl);
  const host = checkTunnelHost(flags.tunnelHost ?? DEFAULT_TUNNEL_HOST);
  if (flags.subdomain !== undefined) checkSubdomain(flags.subdomain);
  const ngrokDomain = flags.ngrokDomain === undefined ? undefined : checkNgrokDomain(flags.ngrokDomain);
  const timings = tunnelTimings(env);
  const provider = (): TunnelProvider => {
    if (publicUrl) return new CustomUrlProvider(publicUrl);
    if (flags.tunnel === 'ngrok')
      return new NgrokProvider({ authtoken: env.NGROK_AUTHTOKEN, domain: ngrokDomain });
    return new LocaltunnelProvider(host);
  };
  let manager: TunnelManager | null = null;
  return {
    name: 'tunnel',
    start({ inbox, receiverPort }) {
      if (!publicUrl && flags.tunnel === 'none') {
        // Overwrite whatever a previous leader (maybe killed) left, so nobody reports its tunnel.
        inbox.facts.writeTunnel({
          kind: 'none',
          state: 'off',
          publicUrl: null,
          lastError: null,
          since: inbox.clock.now(),
        });
        return;
      }
      if (!publicUrl && flags.tunnel === 'ngrok' && !env.NGROK_AUTHTOKEN) {
        // Said at once on stderr; the status says it too (`down`, with this reason).
        inbox.log.warn(MISSING_NGROK_TOKEN);
      }
      manager = new TunnelManager({
        inbox,
        provider: provider(),
        localPort: receiverPort,
        subdomain:
          publicUrl || flags.tunnel !== 'localtunnel' ? '' : subdomainFor(inbox.facts, flags.subdomain),
        timings,
        expect: { instance: INSTANCE_ID, dataDirId: inbox.dataDirId() },
        clock: inbox.clock,
      });
      manager.start();
    },
    async stop() {
      await manager?.stop();
      manager = null;
    },
  };
}
