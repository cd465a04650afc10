import type { LeaderService } from '../core/core';

/** Auto-forwarding of new events to each endpoint's forward URL (leader only). */
export function forwardService(): LeaderService | null {
  return null;
}
