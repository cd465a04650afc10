import { forwardService } from '../delivery/forward-service';
import { type TunnelFlags, tunnelService } from '../tunnel/service';
import { checkpointService } from './checkpoint-service';
import type { LeaderService } from './core';
import { retentionService } from './retention-service';

/** What only the leader runs — WAL checkpoints, retention, the tunnel, auto-forwarding — for `serve` and `mcp` alike. */
export function leaderServices(flags: TunnelFlags): LeaderService[] {
  const services = [checkpointService(), retentionService(), tunnelService(flags), forwardService()];
  return services.filter((s): s is LeaderService => s !== null);
}
