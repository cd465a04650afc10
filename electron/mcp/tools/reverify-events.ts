import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { trustedStatuses } from '../../core/trust';
import type { ToolContext } from '../context';
import { brief, briefOutput, flag, limitedText } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { LOCAL_WRITE, eventIdList } from '../schemas';
import { strictInput } from '../strict-input';

const resultSchema = brief(
  z.object({
    event_id: z.string(),
    found: z.boolean(),
    status: z.string().nullable(),
    reason: z.string().nullable(),
    trusted: z.boolean(),
    saved: z.boolean(),
  }),
);

/** `reverify_events`: checks stored events' signatures again, optionally keeping the new verdict. */
export function registerReverifyEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'reverify_events',
    {
      title: 'Re-verify events',
      description:
        "Checks signatures again (endpoint's settings, or the given secret/provider); save: events that now verify leave quarantine.",
      inputSchema: strictInput({
        event_ids: eventIdList('evt_… from poll_events'),
        secret: limitedText(500, 'Instead of the endpoint’s', 1).optional(),
        provider: z.string().optional().describe('Signature scheme'),
        save: flag('Keep the new verdicts'),
      }),
      outputSchema: briefOutput({ results: z.array(resultSchema) }),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'reverify_events', () => {
        const opts = {
          secrets: args.secret === undefined ? undefined : [args.secret],
          provider: args.provider,
          save: args.save,
        };
        const results = [...new Set(args.event_ids)].map((eventId) => {
          const event = ctx.inbox.eventSummary(eventId);
          if (!event)
            return {
              event_id: eventId,
              found: false,
              status: null,
              reason: null,
              trusted: false,
              saved: false,
            };
          const verdict = ctx.inbox.reverify(eventId, opts);
          const endpoint = ctx.inbox.findEndpoint(event.endpointId);
          return {
            event_id: eventId,
            found: true,
            status: verdict.status,
            reason: verdict.reason,
            trusted: endpoint !== null && trustedStatuses(endpoint).includes(verdict.status),
            saved: args.save,
          };
        });
        return jsonResult({ results });
      }),
  );
}
