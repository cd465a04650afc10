import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listTriggerTypes } from '../../trigger/catalogue';
import { runTrigger } from '../../trigger/run';
import type { ToolContext } from '../context';
import { leanOutput } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { strictInput } from '../strict-input';

const MAX_COUNT = 20;
const MAX_TYPES = 200;

/** `trigger_event`: sends a synthetic event signed as the provider signs it, so an agent can exercise its handler. */
export function registerTriggerEventTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'trigger_event',
    {
      title: 'Send a synthetic signed provider event',
      description:
        'Sends a realistic example event (fresh ids and timestamps) signed exactly as the provider signs it, with its headers — ' +
        'through Hookline to a webhook (it lands in the inbox and is forwarded like a real delivery) or straight to target_url ' +
        '(e.g. http://localhost:3000/webhooks, to test the handler you are writing). Omit event_type to list what the provider can send. ' +
        'Providers: github, stripe, standard-webhooks, svix, clerk, shopify, slack, twilio, paddle, linear, square, zoom, intercom.',
      inputSchema: strictInput({
        provider: z.string().min(1).max(40).describe('Provider name, e.g. stripe, github, clerk'),
        event_type: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe(
            'Event type, e.g. payment_intent.succeeded or pull_request.opened; omit to list the types',
          ),
        webhook: z
          .string()
          .max(200)
          .optional()
          .describe('Webhook (endpoint) id or label: sends through Hookline and signs with its secret'),
        target_url: z
          .string()
          .max(2000)
          .optional()
          .describe(
            'Absolute http(s) URL to send straight to (signed with the webhook’s secret, or with secret)',
          ),
        secret: z
          .string()
          .max(500)
          .optional()
          .describe(
            'Signing secret to use instead of the webhook’s (a wrong one tests how forged events are treated)',
          ),
        set: z
          .record(z.string().max(300), z.unknown())
          .optional()
          .describe('Edits by dotted path before signing, e.g. {"data.object.amount": 500}'),
        body: z
          .string()
          .max(1024 * 1024)
          .optional()
          .describe('A body of your own instead of the example (sent and signed as given)'),
        count: z.number().int().min(1).max(MAX_COUNT).default(1).describe('How many fresh events to send'),
      }),
      outputSchema: leanOutput({
        available_types: z
          .array(z.object({ provider: z.string(), type: z.string(), description: z.string() }))
          .nullable()
          .describe('When event_type was omitted: what the provider can send'),
        has_more: z.boolean().describe('True when available_types was cut at 200'),
        sent: z.array(
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
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args) =>
      guarded(ctx.log, 'trigger_event', async () => {
        if (args.event_type === undefined) {
          const types = listTriggerTypes(args.provider);
          return jsonResult({
            available_types: types.slice(0, MAX_TYPES),
            has_more: types.length > MAX_TYPES,
            sent: [],
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
