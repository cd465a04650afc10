import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDERS } from '../../../shared/types';
import { verificationHeaders } from '../../signatures';
import type { ToolContext } from '../context';
import { jsonInt, leanOutput } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { strictInput } from '../strict-input';

const outputShape = {
  endpoint_id: z.string(),
  label: z.string(),
  url: z.string().describe('The URL to give the webhook sender'),
  url_kind: z
    .enum(['public', 'local'])
    .describe('public: reachable from the internet (tunnel); local: this machine only'),
  local_url: z.string(),
  public_url: z.string().nullable(),
  receiving: z.boolean().describe('False when no Hookline process holds the receiver port right now'),
  secret: z
    .string()
    .nullable()
    .describe('Signing secret; shown at creation (or with show_secret), else null'),
  secret_count: jsonInt(),
  provider: z.string(),
  verification_headers: z.array(z.string()).describe('Headers the sender signs with, for this provider'),
  created: z
    .boolean()
    .describe('False when an endpoint with this label already existed and is returned as is'),
  note: z.string(),
};

/** `register_webhook`: creates (or returns) an endpoint and its URL. */
export function registerRegisterWebhookTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'register_webhook',
    {
      title: 'Register a webhook URL',
      description:
        'Creates a webhook endpoint in the local Hookline inbox and returns the URL to give a provider (Stripe, GitHub, …). ' +
        'Use `url`; `url_kind` says whether it is public (internet-reachable) or local only. Idempotent by label: ' +
        'registering an existing label returns that endpoint (its secret only with show_secret). Give the provider’s ' +
        'signing secret as `secret` so events are verified, or set generate_secret to get a whsec_ secret to hand to the sender.',
      inputSchema: strictInput({
        label: z.string().min(1).max(64).describe('Human name, unique, e.g. "stripe-dev"'),
        provider: z
          .string()
          .optional()
          .describe(`Signature scheme: ${PROVIDERS.join(', ')} (or svix, clerk). Default auto-detects`),
        secret: z
          .string()
          .min(1)
          .max(500)
          .optional()
          .describe('The sender’s signing secret, to verify events'),
        generate_secret: z.boolean().default(false).describe('No secret given: make a random whsec_ secret'),
        forward_to: z
          .string()
          .optional()
          .describe('Forward every event to this URL too, e.g. http://localhost:3000/webhooks'),
        show_secret: z
          .boolean()
          .default(false)
          .describe('For an existing label: include its secret in the result'),
      }),
      outputSchema: leanOutput(outputShape),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
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
              secrets: args.secret ? [args.secret] : [],
              generateSecret: args.generate_secret,
              forwardUrl: args.forward_to,
            },
            ctx.actor(),
          );
        const urls = ctx.inbox.urls(endpoint.id);
        const showSecret = !existing || args.show_secret;
        const notes = [
          existing
            ? `Endpoint "${endpoint.label}" already existed; returned unchanged (settings given now were not applied).`
            : `Created endpoint "${endpoint.label}".`,
          urls.kind === 'public'
            ? 'The URL is public: give it to the provider.'
            : 'The URL is local to this machine (no tunnel is up): senders elsewhere cannot reach it yet.',
        ];
        if (!urls.receiving)
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
          verification_headers: verificationHeaders(endpoint.provider),
          created: !existing,
          note: notes.join(' '),
        });
      }),
  );
}
