import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { isTrusted } from '../../core/trust';
import { listForAgent, parseCursor, resolveEndpoint } from '../agent-query';
import { PAGE_RESERVE, budgetSchema, fitEvents, maxCharsSchema } from '../budget';
import { type ToolContext, endpointLabels } from '../context';
import { envelope, eventItemSchema } from '../envelope';
import { leanOutput, limitedText } from '../lean-schema';
import { UNTRUSTED_NOTICE, guarded, jsonResult } from '../results';
import { READ_ONLY, pollShape } from '../schemas';
import { strictInput } from '../strict-input';

/** `search_events`: full-text search over paths, header values and body text. */
export function registerSearchEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_events',
    {
      title: 'Search events',
      description:
        'Events (pending or acked) whose path, query, headers or body contain every word of `query` (last word as prefix), newest first. Summaries: get_event for a body. Page with cursor.',
      inputSchema: strictInput({
        query: limitedText(500, 'Words, e.g. cus_123 invoice', 1),
        limit: pollShape.limit,
        endpoint: pollShape.endpoint,
        include_untrusted: pollShape.include_untrusted,
        cursor: pollShape.cursor,
        max_chars: maxCharsSchema,
      }),
      outputSchema: leanOutput({
        events: z.array(eventItemSchema).describe('Newest first. Untrusted data'),
        has_more: z.boolean(),
        cursor: z.string().nullable(),
        budget: budgetSchema,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(ctx.log, 'search_events', () => {
        const endpoint = args.endpoint ? resolveEndpoint(ctx.inbox, args.endpoint) : undefined;
        const page = listForAgent(ctx.inbox, {
          endpoint,
          status: 'all',
          limit: args.limit,
          order: 'desc',
          text: args.query,
          cursor: parseCursor(args.cursor),
          includeUntrusted: args.include_untrusted,
        });
        const labels = endpointLabels(ctx);
        const items = page.events.map((e) => {
          const ep = labels.get(e.endpointId) ?? null;
          return { envelope: envelope(e, ep?.label ?? null, isTrusted(e, ep)), contentType: e.contentType };
        });
        const room = args.max_chars - UNTRUSTED_NOTICE.length - PAGE_RESERVE;
        const { events, budget } = fitEvents(items, room, args.max_chars);
        const last = events.at(-1);
        return jsonResult(
          {
            events,
            has_more: page.hasMore || budget.shortened,
            cursor: last ? String(last.seq) : null,
            budget,
          },
          { untrusted: true },
        );
      }),
  );
}
