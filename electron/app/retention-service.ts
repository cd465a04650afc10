import { expiryGraceMs } from '../core/expiry';
import type { Inbox } from '../core/inbox';
import type { LeaderService } from '../core/leader-service';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../core/ports';

/**
 * The leader trims old events (default: newest 10,000 per endpoint) and removes endpoints past their
 * expiry's grace period, at start and then every minute.
 */
export function retentionService(
  policy: RetentionPolicy = DEFAULT_RETENTION,
  intervalMs = 60_000,
): LeaderService {
  let timer: NodeJS.Timeout | null = null;
  let inbox: Inbox | null = null;
  const run = () => {
    try {
      inbox?.maintenance.removeExpiredEndpoints(expiryGraceMs());
    } catch (error) {
      inbox?.log.error('removing expired endpoints failed', { error });
    }
    try {
      inbox?.maintenance.enforceRetention(policy);
    } catch (error) {
      inbox?.log.error('retention failed', { error });
    }
  };
  return {
    name: 'retention',
    start(ctx) {
      inbox = ctx.inbox;
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
