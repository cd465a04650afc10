import type { LeaderService } from '../core/leader-service';

/** The leader (the process that writes every received event) checkpoints the WAL in a worker thread. */
export function checkpointService(): LeaderService {
  let checkpointer: { stop(): Promise<void> } | null = null;
  return {
    name: 'checkpointer',
    start(ctx) {
      checkpointer = ctx.inbox.maintenance.startCheckpoints();
    },
    async stop() {
      await checkpointer?.stop();
      checkpointer = null;
    },
  };
}
