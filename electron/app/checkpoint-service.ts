import { type Checkpointer, startCheckpointer } from '../store/checkpointer';
import type { LeaderService } from '../leadership/leadership';

/** The leader (the process that writes every received event) checkpoints the WAL in a worker thread. */
export function checkpointService(): LeaderService {
  let checkpointer: Checkpointer | null = null;
  return {
    name: 'checkpointer',
    start(ctx) {
      checkpointer = startCheckpointer(ctx.inbox.store.db);
    },
    async stop() {
      await checkpointer?.stop();
      checkpointer = null;
    },
  };
}
