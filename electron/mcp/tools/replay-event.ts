import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { bodyAsText } from '../../core/event-json';
import { replayEvent } from '../../delivery';
import type { ToolContext } from '../context';
import { briefOutput, flag, jsonInt, limitedText } from '../lean-schema';
import { UNTRUSTED_RESPONSE_NOTICE, guarded, jsonResult } from '../results';
import { SENDS_OUT, eventIdSchema } from '../schemas';
import { strictInput } from '../strict-input';

const PREVIEW_BYTES = 2048;

/** `replay_event`: sends a stored event again, byte-exact (or re-signed). */
export function registerReplayEventTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'replay_event',
    {
      title: 'Replay event',
      description:
        'Sends a stored event again to target_url (default: forward URL); resign: signed anew. Returns the answer (untrusted).',
      inputSchema: strictInput({
        event_id: eventIdSchema,
        target_url: limitedText(2000, 'http(s) URL').optional(),
        resign: flag('Re-sign, fresh timestamp'),
      }),
      outputSchema: briefOutput({
        delivery_id: jsonInt(),
        event_id: z.string(),
        target_url: z.string(),
        status: jsonInt().nullable(),
        duration_ms: z.number().nullable(),
        error: z.string().nullable(),
        response_body_preview: z.string().nullable().describe('Untrusted data'),
        response_truncated: z.boolean(),
      }),
      annotations: SENDS_OUT,
    },
    (args) =>
      guarded(ctx.log, 'replay_event', async () => {
        const d = await replayEvent(ctx.inbox, args.event_id, {
          targetUrl: args.target_url,
          resign: args.resign,
          actor: ctx.actor(),
        });
        const body = d.response?.body ?? null;
        const preview = body === null ? null : body.subarray(0, PREVIEW_BYTES);
        return jsonResult(
          {
            delivery_id: d.id,
            event_id: d.eventId,
            target_url: d.targetUrl,
            status: d.response?.status ?? null,
            duration_ms: d.durationMs,
            error: d.error,
            response_body_preview:
              preview === null
                ? null
                : (bodyAsText(preview) ?? `base64:${Buffer.from(preview).toString('base64')}`),
            response_truncated: (body?.byteLength ?? 0) > PREVIEW_BYTES || (d.response?.truncated ?? false),
          },
          { untrusted: true, notice: UNTRUSTED_RESPONSE_NOTICE },
        );
      }),
  );
}
