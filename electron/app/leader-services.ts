import type { LeaderService } from '../core/leader-service';
import { forwardService } from '../delivery/forward-service';
import { mirrorService } from '../mirror/service';
import { schemaCheckService } from '../schema/check-service';
import { type TunnelFlags, tunnelService } from '../tunnel/service';
import { checkpointService } from './checkpoint-service';
import { retentionService } from './retention-service';
import { searchIndexService } from './search-index-service';

/** Leader settings: the tunnel, how many events each endpoint keeps, how long forwards may wait. */
export interface LeaderFlags extends TunnelFlags {
  /** Trusted events kept per endpoint (retention). */
  keep: number;
  /** Untrusted events kept per endpoint (retention). */
  keepUntrusted: number;
  /** Forwards not sent within this time are given up (ms). */
  forwardMaxAgeMs: number;
}

/**
 * What only the leader runs — WAL checkpoints, search indexing, schema checks, retention, the
 * tunnel, auto-forwarding, the relay mirror (when a relay is saved) — for `serve` and `mcp` alike.
 */
export function leaderServices(flags: LeaderFlags): LeaderService[] {
  const retention = retentionService({
    maxEventsPerEndpoint: flags.keep,
    maxUntrustedPerEndpoint: flags.keepUntrusted,
    maxAgeMs: null,
  });
  const forwarding = forwardService({ maxAgeMs: flags.forwardMaxAgeMs });
  const services = [
    checkpointService(),
    searchIndexService(),
    schemaCheckService(),
    retention,
    tunnelService(flags),
    forwarding,
    mirrorService(),
  ];
  return services.filter((s): s is LeaderService => s !== null);
}
