import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { brief, briefOutput, jsonInt } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { READ_ONLY } from '../schemas';
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
  pending_count: jsonInt('Pending events agents get by default'),
  quarantined: jsonInt('Pending events held back (signature invalid or missing)'),
});

/** Every endpoint with its URL and pending counts. */
export function webhookList(ctx: ToolContext): z.infer<typeof webhookSchema>[] {
  return ctx.inbox.listEndpoints().map((e) => {
    const urls = ctx.inbox.urls(e.id);
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
      description:
        "Lists every endpoint (yours, other agents', the app's) with its URL and pending counts. No secrets.",
      inputSchema: strictInput({}),
      outputSchema: briefOutput({ webhooks: z.array(brief(webhookSchema)) }),
      annotations: READ_ONLY,
    },
    () => guarded(ctx.log, 'list_webhooks', () => jsonResult({ webhooks: webhookList(ctx) })),
  );
}
