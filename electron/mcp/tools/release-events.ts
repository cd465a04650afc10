import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { brief, briefOutput, jsonInt } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { LOCAL_WRITE, eventIdList } from '../schemas';
import { strictInput } from '../strict-input';

type ReleaseResult = 'released' | 'not_yours' | 'not_found';

/** `release_events`: gives claimed events back to other claiming agents before the claim lapses. */
export function registerReleaseEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'release_events',
    {
      title: 'Release events',
      description: 'Gives your claimed events (claim_for_s) back now, without acking.',
      inputSchema: strictInput({
        event_ids: eventIdList('Omit: all yours').optional(),
      }),
      outputSchema: briefOutput({
        results: z.array(
          brief(z.object({ event_id: z.string(), result: z.enum(['released', 'not_yours', 'not_found']) })),
        ),
        released: jsonInt(),
      }),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'release_events', async () => {
        if (args.event_ids === undefined) {
          const released = await ctx.inbox.claims.releaseAllShared(ctx.session);
          return jsonResult({ results: [], released });
        }
        const ids = [...new Set(args.event_ids)];
        const done = await ctx.inbox.claims.releaseShared(ids, ctx.session);
        const results = ids.map((eventId, i) => {
          let result: ReleaseResult = 'released';
          if (!done[i]) result = ctx.inbox.eventSummary(eventId) ? 'not_yours' : 'not_found';
          return { event_id: eventId, result };
        });
        return jsonResult({ results, released: results.filter((r) => r.result === 'released').length });
      }),
  );
}
