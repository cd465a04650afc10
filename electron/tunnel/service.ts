import type { LeaderService } from '../core/core';

/** Tunnel settings from `serve` flags. */
export interface TunnelFlags {
  tunnel: 'localtunnel' | 'none';
  tunnelHost: string | undefined;
  subdomain: string | undefined;
  publicUrl: string | undefined;
}

/** The leader's public-URL service for these flags (null: local URLs only). */
export function tunnelService(_flags: TunnelFlags): LeaderService | null {
  return null;
}
