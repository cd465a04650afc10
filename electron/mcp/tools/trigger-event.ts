import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listTriggerTypes } from '../../trigger/catalogue';
import { runTrigger } from '../../trigger/run';
import { DEFAULT_MAX_CHARS, fitList } from '../budget';
import type { ToolContext } from '../context';
import { brief, briefOutput, limitedText } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { SENDS_OUT } from '../schemas';
import { strictInput } from '../strict-input';

const MAX_COUNT = 20;
const MAX_TYPES = 200;

/** `trigger_event`: sends a synthetic event signed as the provider signs it, so an agent can exercise its handler. */
export function registerTriggerEventTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'trigger_event',
    {
      title: 'Send example event',
      description:
        'A realistic provider event, signed as the provider signs, sent to a webhook or to target_url (your handler). Omit event_type to list types.',
      inputSchema: strictInput({
        provider: limitedText(40, 'e.g. stripe, github, clerk', 1),
        event_type: limitedText(200, 'e.g. pull_request.opened; omit to list', 1).optional(),
        webhook: limitedText(200, 'Id or label: via Hookline, its secret').optional(),
        target_url: limitedText(2000, 'Send straight here').optional(),
        secret: limitedText(500, 'Instead of the webhook’s').optional(),
        // The key and value schemas say nothing a model needs (any JSON value at a dotted path).
        set: z
          .record(z.string().max(300), z.unknown())
          .meta({
            propertyNames: undefined,
            additionalProperties: undefined,
            description: 'Edits by dotted path, e.g. {"data.object.amount": 500}',
          })
          .optional(),
        body: limitedText(1024 * 1024, 'Your own body instead').optional(),
        count: z.number().int().min(1).max(MAX_COUNT).default(1).describe('How many'),
      }),
      outputSchema: briefOutput({
        available_types: z
          .array(brief(z.object({ provider: z.string(), type: z.string(), description: z.string() })))
          .nullable()
          .describe('Without event_type'),
        has_more: z.boolean(),
        note: z.string().nullable(),
        sent: z.array(
          brief(
            z.object({
              provider: z.string(),
              type: z.string(),
              url: z.string(),
              delivery_id: z.string().nullable(),
              status: z
                .number()
                .int()
                .nullable()
                .describe('HTTP status the target answered, null when sending failed'),
              error: z.string().nullable(),
              duration_ms: z.number(),
              answer_preview: z.string(),
              event_id: z.string().nullable().describe('The stored event, when sent through Hookline'),
              verification: z.string().nullable().describe('Its verdict as stored (valid, invalid, …)'),
            }),
          ),
        ),
      }),
      annotations: SENDS_OUT,
    },
    (args) =>
      guarded(ctx.log, 'trigger_event', async () => {
        if (args.event_type === undefined) {
          const types = listTriggerTypes(args.provider);
          const shown = fitList(types.slice(0, MAX_TYPES), DEFAULT_MAX_CHARS - 1_000);
          const leftOut = types.length - shown.kept.length;
          return jsonResult({
            available_types: shown.kept,
            has_more: leftOut > 0,
            sent: [],
            note:
              leftOut > 0
                ? `${leftOut} more types not shown (result budget); pass event_type directly to send any of them.`
                : null,
          });
        }
        // As JSON, so a string stays a string ("500" is not turned into 500 as on the command line).
        const sets = Object.entries(args.set ?? {}).map(
          ([path, value]) => `${path}=${JSON.stringify(value)}`,
        );
        const results = await runTrigger(ctx.inbox, {
          provider: args.provider,
          type: args.event_type,
          endpoint: args.webhook,
          to: args.target_url,
          secret: args.secret,
          sets,
          body: args.body === undefined ? undefined : Buffer.from(args.body, 'utf8'),
          count: args.count,
        });
        return jsonResult({
          available_types: null,
          has_more: false,
          note: null,
          sent: results.map((r) => ({
            provider: r.provider,
            type: r.type,
            url: r.url,
            delivery_id: r.deliveryId,
            status: r.status,
            error: r.error,
            duration_ms: r.durationMs,
            answer_preview: r.answer,
            event_id: r.stored?.eventId ?? null,
            verification: r.stored?.verification ?? null,
          })),
        });
      }),
  );
}
