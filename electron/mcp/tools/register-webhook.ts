import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { verificationHeaders } from '../../signatures';
import { type ToolContext, urlsFor } from '../context';
import { briefOutput, flag, jsonInt, limitedText, orNull } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { LOCAL_WRITE } from '../schemas';
import { strictInput } from '../strict-input';

const outputShape = {
  endpoint_id: z.string(),
  label: z.string(),
  url: z.string().describe('Give this to the sender'),
  url_kind: z.enum(['public', 'local']),
  local_url: z.string(),
  public_url: z.string().nullable(),
  receiving: z.boolean(),
  secret: z.string().nullable().describe('Shown once (and with show_secret)'),
  secret_count: jsonInt(),
  provider: z.string(),
  expires_at: z.string().nullable(),
  verification_headers: z.array(z.string()),
  created: z.boolean().describe('false: the label existed'),
  note: z.string(),
};

/** Providers that hand out the signing secret themselves (a generated one only suits tests). */
const ISSUED_BY_PROVIDER = new Set([
  'stripe',
  'slack',
  'shopify',
  'twilio',
  'paddle',
  'linear',
  'square',
  'zoom',
  'intercom',
]);

/** `register_webhook`: creates (or returns) an endpoint and its URL. */
export function registerRegisterWebhookTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'register_webhook',
    {
      title: 'Register webhook',
      description:
        'Creates an endpoint (or returns this label’s): give `url` and `secret` to the sender, then wait_for_events. Events not signed with the secret are quarantined.',
      inputSchema: strictInput({
        label: limitedText(64, 'Unique name, e.g. stripe-dev', 1),
        provider: z
          .string()
          .optional()
          // An unknown name is an error listing every scheme: the catalogue names the common ones.
          .describe('Signature scheme: auto (default), github, stripe, generic, …'),
        secret: orNull(
          limitedText(500, '', 1),
          'string',
          'Sender’s secret; omitted: one is made; null: accept unsigned',
        ).optional(),
        forward_to: z.string().optional().describe('Also forward events here'),
        expires_in: z
          .number()
          .int()
          .min(1)
          .max(31_536_000)
          .meta({ maximum: undefined })
          .optional()
          .describe('Seconds; then 410 Gone, removed with its events 24 h later'),
        event_types: z
          .array(z.string())
          .max(20)
          .meta({ maxItems: undefined })
          .optional()
          .describe('Globs (invoice.*): others are stored, answered 2xx, not polled'),
        show_secret: flag('Existing label: return its secret'),
      }),
      outputSchema: briefOutput(outputShape),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'register_webhook', () => {
        const existing = ctx.inbox.endpointByLabel(args.label.trim());
        const endpoint =
          existing ??
          ctx.inbox.createEndpoint(
            {
              label: args.label,
              provider: args.provider,
              secrets: args.secret && args.secret !== 'none' ? [args.secret] : [],
              // Secret by default: an agent's endpoint should not trust whoever finds its URL.
              generateSecret: args.secret === undefined,
              forwardUrl: args.forward_to,
              expiresAt:
                args.expires_in === undefined ? undefined : ctx.inbox.clock.now() + args.expires_in * 1000,
              eventTypes: args.event_types,
            },
            ctx.actor(),
          );
        const urls = urlsFor(ctx, endpoint.id);
        const showSecret = !existing || args.show_secret;
        const generated = !existing && args.secret === undefined;
        const notes = [
          existing
            ? `Endpoint "${endpoint.label}" already existed; returned unchanged (settings given now were not applied).`
            : `Created endpoint "${endpoint.label}".`,
          generated
            ? ISSUED_BY_PROVIDER.has(endpoint.provider)
              ? `A secret was generated for trigger_event tests; ${endpoint.provider} issues its own: swap it in with update_webhook (add_secrets, remove_secrets).`
              : 'A secret was generated: configure the sender with it (it is shown only now).'
            : '',
          urls.kind === 'public'
            ? 'The URL is public: give it to the provider.'
            : 'The URL is local to this machine (no tunnel is up): senders elsewhere cannot reach it yet.',
        ];
        const { error } = ctx.role();
        // Defect 11: say why nothing receives (e.g. another program holds the asked port) first.
        if (error) notes.unshift(`Not receiving: ${error}.`);
        else if (!urls.receiving)
          notes.push('No Hookline process is receiving right now: start the app or `hookline serve`.');
        return jsonResult({
          endpoint_id: endpoint.id,
          label: endpoint.label,
          url: urls.url,
          url_kind: urls.kind,
          local_url: urls.local,
          public_url: urls.public,
          receiving: urls.receiving,
          secret: showSecret ? (endpoint.secrets[0] ?? null) : null,
          secret_count: endpoint.secrets.length,
          provider: endpoint.provider,
          expires_at: endpoint.expiresAt === null ? null : new Date(endpoint.expiresAt).toISOString(),
          verification_headers: verificationHeaders(endpoint.provider),
          created: !existing,
          note: notes.filter(Boolean).join(' '),
        });
      }),
  );
}
