import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { resolveEndpoint } from '../agent-query';
import type { ToolContext } from '../context';
import { briefOutput, flag, jsonInt, limitedText } from '../lean-schema';
import { errorResult, guarded, jsonResult } from '../results';
import { endpointRefSchema } from '../schemas';
import { strictInput } from '../strict-input';

function orphanNote(pending: number, orphaned: number): string {
  if (orphaned > 0)
    return `${orphaned} pending event(s) kept without an endpoint: poll_events no longer returns them; get_event and search_events (include_untrusted) still read them; get_inbox_status counts them as orphaned_pending.`;
  return pending > 0 ? `${pending} pending event(s) purged.` : 'No pending events.';
}

/** `unregister_webhook`: deletes an endpoint and says what became of its pending events. */
export function registerUnregisterWebhookTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'unregister_webhook',
    {
      title: 'Unregister webhook',
      description:
        'Deletes an endpoint (its URL then answers 404). Its events stay, out of poll_events, unless purge_events.',
      inputSchema: strictInput({
        endpoint_id: endpointRefSchema.optional(),
        label: limitedText(64, 'Or its label', 1).optional(),
        purge_events: flag('Delete its events too'),
      }),
      outputSchema: briefOutput({
        endpoint_id: z.string(),
        label: z.string(),
        deleted: z.boolean(),
        events_deleted: jsonInt(),
        pending_events: jsonInt(),
        orphaned: jsonInt(),
        note: z.string(),
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (args) =>
      guarded(ctx.log, 'unregister_webhook', () => {
        const ref = args.endpoint_id ?? args.label;
        if (!ref)
          return errorResult('Give endpoint_id or label of the endpoint to unregister (see list_webhooks).');
        const endpoint = resolveEndpoint(ctx.inbox, ref);
        const pending = ctx.inbox.eventCounts().get(endpoint.id)?.pending ?? 0;
        const eventsDeleted = ctx.inbox.deleteEndpoint(endpoint.id, args.purge_events);
        const orphaned = args.purge_events ? 0 : pending;
        return jsonResult({
          endpoint_id: endpoint.id,
          label: endpoint.label,
          deleted: true,
          events_deleted: eventsDeleted,
          pending_events: pending,
          orphaned,
          note: orphanNote(pending, orphaned),
        });
      }),
  );
}
