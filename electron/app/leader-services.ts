import type { LeaderService } from '../core/leader-service';
import { forwardService } from '../delivery/forward-service';
import { type TunnelFlags, tunnelService } from '../tunnel/service';
import { checkpointService } from './checkpoint-service';
import { retentionService } from './retention-service';
import { searchIndexService } from './search-index-service';

/** Leader settings: the tunnel, and how many events each endpoint keeps. */
export interface LeaderFlags extends TunnelFlags {
  /** Newest events kept per endpoint (retention). */
  keep: number;
}

/** What only the leader runs — WAL checkpoints, search indexing, retention, the tunnel, auto-forwarding — for `serve` and `mcp` alike. */
export function leaderServices(flags: LeaderFlags): LeaderService[] {
  const retention = retentionService({ maxEventsPerEndpoint: flags.keep, maxAgeMs: null });
  const services = [
    checkpointService(),
    searchIndexService(),
    retention,
    tunnelService(flags),
    forwardService(),
  ];
  return services.filter((s): s is LeaderService => s !== null);
}
