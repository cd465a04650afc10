import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { CustomResponse, GenericHmacOptions } from '../../../shared/types';
import type { EndpointInput } from '../../core/endpoint-input';
import { InboxError } from '../../core/errors';
import type { ToolContext } from '../context';
import { brief, jsonInt, orNull } from '../lean-schema';
import { errorResult, guarded, jsonResult } from '../results';
import { LOCAL_WRITE, endpointRefSchema } from '../schemas';
import { strictInput } from '../strict-input';

/** Core field paths as this tool's argument names, so an error names what the agent sent. */
const FIELD_NAMES: [RegExp, string][] = [
  [/^forwardUrl/, 'forward_to'],
  [/^rejectInvalid/, 'reject_invalid'],
  [/^secrets/, 'add_secrets/remove_secrets'],
  [/^verify\.generic\.?/, 'hmac.'],
  [/^response\.delayMs/, 'response.delay_ms'],
  [/^expiresAt/, 'expires_in'],
  [/^eventTypes/, 'event_types'],
];

function argName(field: string): string {
  for (const [core, arg] of FIELD_NAMES)
    if (core.test(field)) return field.replace(core, arg).replace(/\.$/, '');
  return field;
}

/** A secret in a list: its limits guard against abuse only (see lean-schema.ts). */
const secretItem = z.string().min(1).max(500).meta({ minLength: undefined, maxLength: undefined });

// Nested objects in brief: the catalogue is read every session; zod still checks every field.
const responseSchema = brief(
  z.strictObject({
    status: z.number().int().min(100).max(599).default(200),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().max(65_536).default(''),
    delay_ms: z.number().int().min(0).max(60_000).default(0),
  }),
  '',
);

const hmacSchema = brief(
  z.strictObject({
    header: z.string().optional(),
    algorithm: z.enum(['sha1', 'sha256', 'sha512']).optional(),
    encoding: z.enum(['hex', 'base64']).optional(),
    prefix: z.string().optional(),
  }),
  'HMAC of the body, e.g. {header:"X-Webhook-Signature"}',
);

const inputShape = {
  endpoint: endpointRefSchema,
  provider: z.string().optional().describe('Signature scheme'),
  add_secrets: z
    .array(secretItem)
    .max(10)
    .meta({ maxItems: undefined, description: 'Also accept' })
    .optional(),
  remove_secrets: z
    .array(secretItem)
    .max(10)
    .meta({ maxItems: undefined, description: 'Stop accepting' })
    .optional(),
  forward_to: z.string().nullable().optional().describe('null: stop'),
  response: orNull(
    responseSchema,
    'object',
    'Sender’s answer {status, headers, body, delay_ms}; null: default',
  ).optional(),
  paused: z.boolean().optional().describe('503, store nothing'),
  expires_in: z
    .number()
    .int()
    .min(1)
    .max(31_536_000)
    .nullable()
    .meta({ anyOf: undefined, type: ['integer', 'null'] })
    .optional()
    .describe('Seconds from now; null: never'),
  event_types: z
    .array(z.string())
    .max(20)
    .nullable()
    .meta({ anyOf: undefined, type: ['array', 'null'], items: { type: 'string' } })
    .optional()
    .describe('Globs polled from now; null: all'),
  reject_invalid: z.boolean().optional().describe('401 on bad signatures'),
  hmac: hmacSchema.optional(),
};

type Args = z.infer<z.ZodObject<typeof inputShape>>;

/**
 * Generic HMAC settings after an edit. Over the scheme's default (`X-Signature-256: sha256=<hex>`) a
 * custom header gets no prefix unless one is given: senders with their own header (`X-Webhook-Signature:
 * <hex>`) rarely write one.
 */
function hmacSettings(
  current: GenericHmacOptions | undefined,
  edit: Partial<GenericHmacOptions>,
): GenericHmacOptions {
  const algorithm = edit.algorithm ?? current?.algorithm ?? 'sha256';
  const header = edit.header ?? current?.header ?? 'X-Signature-256';
  const defaultPrefix = header.toLowerCase() === 'x-signature-256' ? `${algorithm}=` : '';
  return {
    header,
    algorithm,
    encoding: edit.encoding ?? current?.encoding ?? 'hex',
    prefix: edit.prefix ?? current?.prefix ?? defaultPrefix,
  };
}

/** The edit in the core's terms; only what the agent gave changes. */
function endpointEdit(ctx: ToolContext, args: Args): EndpointInput {
  const current = ctx.inbox.getEndpoint(args.endpoint);
  const input: EndpointInput = {};
  if (args.provider !== undefined) input.provider = args.provider;
  if (args.forward_to !== undefined) input.forwardUrl = args.forward_to;
  if (args.paused !== undefined) input.paused = args.paused;
  if (args.expires_in !== undefined)
    input.expiresAt = args.expires_in === null ? null : ctx.inbox.clock.now() + args.expires_in * 1000;
  if (args.event_types !== undefined) input.eventTypes = args.event_types;
  if (args.reject_invalid !== undefined) input.rejectInvalid = args.reject_invalid;
  if (args.response !== undefined) {
    const r = args.response;
    const response: CustomResponse | null = r && {
      status: r.status,
      headers: Object.entries(r.headers),
      body: r.body,
      delayMs: r.delay_ms,
    };
    input.response = response;
  }
  if (args.hmac) {
    input.verify = { generic: hmacSettings(current.verify.generic, args.hmac) };
    input.provider ??= 'generic';
  }
  return input;
}

/** Stored secrets by position, for the values the agent wants removed. */
function secretPositions(ctx: ToolContext, endpoint: string, remove: string[]): number[] {
  const stored = ctx.inbox.endpointWithSecrets(endpoint).secrets;
  return remove.map((secret) => {
    const at = stored.indexOf(secret.trim());
    if (at < 0)
      throw new InboxError('invalid', 'This endpoint does not have that secret', { field: 'remove_secrets' });
    return at;
  });
}

/** `update_webhook`: changes an endpoint's settings; only the given fields change. */
export function registerUpdateWebhookTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_webhook',
    {
      title: 'Update webhook',
      description: 'Changes the given settings; then reverify_events re-checks events already received.',
      inputSchema: strictInput(inputShape),
      outputSchema: brief(
        z.object({
          endpoint_id: z.string(),
          label: z.string(),
          provider: z.string(),
          secret_count: jsonInt(),
          forward_to: z.string().nullable(),
          paused: z.boolean(),
          reject_invalid: z.boolean(),
          response: z.object({}).passthrough().nullable(),
          hmac: z.object({}).passthrough().nullable(),
          expires_at: z.string().nullable(),
          event_types: z.array(z.string()).nullable(),
        }),
        undefined,
        false,
      ),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'update_webhook', () => {
        try {
          const input = endpointEdit(ctx, args);
          const add = args.add_secrets ?? [];
          const removeAt = secretPositions(ctx, args.endpoint, args.remove_secrets ?? []);
          const e =
            add.length || removeAt.length
              ? ctx.inbox.updateEndpointRotatingSecrets(args.endpoint, input, { add, removeAt })
              : ctx.inbox.updateEndpoint(args.endpoint, input);
          return jsonResult({
            endpoint_id: e.id,
            label: e.label,
            provider: e.provider,
            secret_count: e.secretCount,
            forward_to: e.forwardUrl,
            paused: e.paused,
            reject_invalid: e.rejectInvalid,
            response: e.response && {
              status: e.response.status,
              headers: Object.fromEntries(e.response.headers),
              body: e.response.body,
              delay_ms: e.response.delayMs,
            },
            hmac: e.verify.generic ?? null,
            expires_at: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString(),
            event_types: e.eventTypes,
          });
        } catch (error) {
          if (error instanceof InboxError && error.field)
            return errorResult(`${error.message} (field: ${argName(error.field)})`);
          throw error;
        }
      }),
  );
}
