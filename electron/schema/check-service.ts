import type { LeaderService } from '../core/leader-service';
import { checkEvent } from './check-event';

/** The leader (where events arrive) checks them against their schemas behind the receiver. */
export function schemaCheckService(): LeaderService {
  let checking: { stop(): void } | null = null;
  return {
    name: 'schema-check',
    start(ctx) {
      checking = ctx.inbox.schemas.startChecking(checkEvent);
    },
    stop() {
      checking?.stop();
      checking = null;
    },
  };
}
