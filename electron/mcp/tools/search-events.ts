import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { isTrusted } from '../../core/trust';
import { resolveFilters } from '../agent-filters';
import { parseCursor } from '../agent-query';
import { searchForAgent } from '../agent-search';
import { PAGE_RESERVE, budgetSchema, fitEvents, maxCharsSchema } from '../budget';
import { type ToolContext, endpointLabels, viewer } from '../context';
import { envelope, eventItemSchema } from '../envelope';
import { brief, limitedText } from '../lean-schema';
import { UNTRUSTED_NOTICE, guarded, jsonResult } from '../results';
import { READ_ONLY, filterShape, pollShape } from '../schemas';
import { strictInput } from '../strict-input';

/** `search_events`: substring search over method, path, query, headers and the decoded body. */
export function registerSearchEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_events',
    {
      title: 'Search events',
      description:
        'Events whose method, path, headers or body hold every term of `query` (any case), newest first. ' +
        '"phrases", -term, header:/path:/body:/type:.',
      inputSchema: strictInput({
        query: limitedText(500, 'Terms, e.g. cus_123 -test header:stripe', 1),
        limit: pollShape.limit,
        ...filterShape,
        include_untrusted: pollShape.include_untrusted,
        cursor: pollShape.cursor,
        max_chars: maxCharsSchema,
      }),
      // In brief: the events and budget are spelled out by get_event and poll_events already.
      outputSchema: brief(
        z.object({
          events: z.array(eventItemSchema),
          has_more: z.boolean(),
          cursor: z.string().nullable(),
          search: z.object({
            indexing: z.number(),
            partial: z.number(),
            limit_bytes: z.number(),
            complete: z.boolean(),
          }),
          budget: budgetSchema,
        }),
        'As poll_events, newest first; search{indexing, partial, limit_bytes, complete}: what it may miss.',
        false,
      ),
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(ctx.log, 'search_events', () => {
        const page = searchForAgent(ctx.inbox, {
          ...resolveFilters(ctx.inbox, args),
          text: args.query,
          cursor: parseCursor(args.cursor),
          limit: args.limit,
          includeUntrusted: args.include_untrusted,
        });
        const labels = endpointLabels(ctx);
        const at = viewer(ctx);
        const items = page.events.map((e) => {
          const ep = labels.get(e.endpointId) ?? null;
          const wrapped = envelope(e, ep?.label ?? null, isTrusted(e, ep), { viewer: at });
          return { envelope: wrapped, contentType: e.contentType };
        });
        const room = args.max_chars - UNTRUSTED_NOTICE.length - PAGE_RESERVE;
        const { events, budget } = fitEvents(items, room, args.max_chars);
        // A page cut by the budget continues after its last event; otherwise where the search stopped.
        const last = events.at(-1);
        const next =
          budget.shortened && last
            ? String(last.seq)
            : page.nextCursor === null
              ? null
              : String(page.nextCursor);
        const { indexing, partial, limitBytes, complete } = page.info;
        return jsonResult(
          {
            events,
            has_more: next !== null,
            cursor: next,
            search: { indexing, partial, limit_bytes: limitBytes, complete },
            budget,
          },
          { untrusted: true },
        );
      }),
  );
}
