import type { LeaderService } from '../core/leader-service';

/** The leader (where events arrive) fills the search index behind the receiver. */
export function searchIndexService(): LeaderService {
  let indexing: { stop(): void } | null = null;
  return {
    name: 'search-index',
    start(ctx) {
      indexing = ctx.inbox.maintenance.startIndexing();
    },
    stop() {
      indexing?.stop();
      indexing = null;
    },
  };
}
