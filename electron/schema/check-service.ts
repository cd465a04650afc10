import type { LeaderService } from '../core/leader-service';
import { startCheckLoop } from './check-loop';
import { checkRunner } from './check-runner';

/** The leader (where events arrive) checks them against their schemas behind the receiver, in a worker thread. */
export function schemaCheckService(): LeaderService {
  let checking: { stop(): Promise<void> } | null = null;
  return {
    name: 'schema-check',
    start(ctx) {
      checking = startCheckLoop(ctx.inbox, checkRunner(ctx.inbox.log));
    },
    async stop() {
      await checking?.stop();
      checking = null;
    },
  };
}
