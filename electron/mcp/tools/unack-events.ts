import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { brief, briefOutput, jsonInt } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { LOCAL_WRITE, eventIdList } from '../schemas';
import { strictInput } from '../strict-input';

type UnackResult = 'unacked' | 'already_pending' | 'not_found';

/** `unack_events`: returns acked events to pending, reporting per id. */
export function registerUnackEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'unack_events',
    {
      title: 'Unack events',
      description: 'Returns acked or failed (dead letter) events to pending: poll/wait give them again.',
      inputSchema: strictInput({
        event_ids: eventIdList('Acked or failed evt_… ids'),
      }),
      outputSchema: briefOutput({
        results: z.array(
          brief(
            z.object({
              event_id: z.string(),
              result: z.enum(['unacked', 'already_pending', 'not_found']),
            }),
          ),
        ),
        unacked: jsonInt(),
      }),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'unack_events', () => {
        const ids = [...new Set(args.event_ids)];
        const changed = ctx.inbox.unack(ids);
        const results = ids.map((eventId, i) => {
          let result: UnackResult = 'unacked';
          if (!changed[i]) result = ctx.inbox.findEvent(eventId) ? 'already_pending' : 'not_found';
          return { event_id: eventId, result };
        });
        return jsonResult({ results, unacked: results.filter((r) => r.result === 'unacked').length });
      }),
  );
}
