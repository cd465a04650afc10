import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { pageOutputShape, pageReader } from '../event-page';
import { brief } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { READ_ONLY, pollShape } from '../schemas';
import { strictInput } from '../strict-input';
import { waitForChange } from '../wait-for-change';

/** `wait_for_events`: long-poll until an event matching the filters is there. */
export function registerWaitForEventsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'wait_for_events',
    {
      title: 'Wait for events',
      description:
        'poll_events that waits up to timeout_seconds for an event (from any Hookline process). timed_out is no error: call again with the cursor.',
      inputSchema: strictInput({
        ...pollShape,
        timeout_seconds: z.number().int().min(1).max(50).default(20).describe('Longest wait'),
      }),
      // poll_events spells the page out; repeating it here would only lengthen the catalogue.
      outputSchema: brief(z.object({ ...pageOutputShape, timed_out: z.boolean() }), 'As poll_events', false),
      annotations: READ_ONLY,
    },
    (args, extra) =>
      guarded(ctx.log, 'wait_for_events', async () => {
        const reader = pageReader(ctx, args);
        const progressToken = extra._meta?.progressToken;
        const total = args.timeout_seconds * 1000;
        const outcome = await waitForChange(ctx.inbox, {
          check: async () => {
            const read = await reader.read();
            return read.page.events.length > 0 ? read : null;
          },
          relevant: (change) =>
            (change.kind === 'event.created' || change.kind === 'event.updated') &&
            (reader.endpointIds === null ||
              (change.endpointId !== null && reader.endpointIds.has(change.endpointId))),
          timeoutMs: total,
          // A claim held by another agent lapses without a write: look again each second while claiming.
          recheckMs: args.claim_for_s === undefined ? undefined : 1000,
          signal: extra.signal,
          onTick:
            progressToken === undefined
              ? undefined
              : (elapsed) => {
                  extra
                    .sendNotification({
                      method: 'notifications/progress',
                      params: {
                        progressToken,
                        progress: Math.min(elapsed, total),
                        total,
                        message: `Waiting for webhook events (${Math.round(elapsed / 1000)} s of ${args.timeout_seconds} s)`,
                      },
                    })
                    .catch(() => {
                      // The client went away: the abort signal ends the wait.
                    });
                },
        });
        if (outcome.reason === 'found')
          return jsonResult(
            { ...outcome.value.page, timed_out: false },
            { untrusted: true, links: outcome.value.links },
          );
        // Timed out (or cancelled, when nobody reads the answer): one last look, so nothing that landed now is missed.
        const { page, links } = await reader.read();
        return jsonResult({ ...page, timed_out: page.events.length === 0 }, { untrusted: true, links });
      }),
  );
}
