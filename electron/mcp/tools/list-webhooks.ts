import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { isExpired } from '../../core/expiry';
import { parseCursor } from '../agent-query';
import { fitList, listBudget, maxCharsSchema } from '../budget';
import { type ToolContext, urlsFor } from '../context';
import { brief, briefOutput, jsonInt } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { READ_ONLY, pollShape } from '../schemas';
import { strictInput } from '../strict-input';

/** One endpoint as list_webhooks and the endpoints resource show it (never with secrets). */
export const webhookSchema = z.object({
  endpoint_id: z.string(),
  label: z.string(),
  provider: z.string(),
  url: z.string(),
  url_kind: z.enum(['public', 'local']),
  has_secret: z.boolean(),
  forward_to: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  paused: z.boolean(),
  expires_at: z.string().nullable(),
  expired: z.boolean(),
  event_types: z.array(z.string()).nullable(),
  pending_count: jsonInt('Pending events agents get by default'),
  quarantined: jsonInt('Pending events held back (signature invalid or missing)'),
});

/** Every endpoint with its URL and pending counts. */
export function webhookList(ctx: ToolContext): z.infer<typeof webhookSchema>[] {
  return ctx.inbox.listEndpoints().map((e) => {
    const urls = urlsFor(ctx, e.id);
    const tally = ctx.counts.tally(e);
    return {
      endpoint_id: e.id,
      label: e.label,
      provider: e.provider,
      url: urls.url,
      url_kind: urls.kind,
      has_secret: e.secretCount > 0,
      forward_to: e.forwardUrl,
      created_at: new Date(e.createdAt).toISOString(),
      created_by: e.createdBy,
      paused: e.paused,
      expires_at: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString(),
      expired: isExpired(e, ctx.inbox.clock.now()),
      event_types: e.eventTypes,
      pending_count: tally.pending,
      quarantined: tally.quarantined,
    };
  });
}

/** `list_webhooks`. */
export function registerListWebhooksTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_webhooks',
    {
      title: 'List webhooks',
      description: "Every endpoint (any agent's or the app's): URL, state, pending counts. No secrets.",
      inputSchema: strictInput({ cursor: pollShape.cursor, max_chars: maxCharsSchema }),
      outputSchema: briefOutput({
        webhooks: z.array(brief(webhookSchema)),
        has_more: z.boolean(),
        cursor: z.string().nullable(),
        // The same budget as every event tool's, spelled out once in get_event's catalogue entry.
        budget: z.record(z.string(), z.unknown()),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(ctx.log, 'list_webhooks', () => {
        // The cursor is a position in the list (endpoints are listed oldest first).
        const start = parseCursor(args.cursor) ?? 0;
        const all = webhookList(ctx).slice(start);
        const { kept, leftOut } = fitList(all, args.max_chars - 400);
        const budget = listBudget(args.max_chars, leftOut, 'call again with the returned cursor');
        return jsonResult({
          webhooks: kept,
          has_more: leftOut > 0,
          cursor: leftOut > 0 ? String(start + kept.length) : null,
          budget,
        });
      }),
  );
}
