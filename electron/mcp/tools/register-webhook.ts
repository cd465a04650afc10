import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDERS } from '../../../shared/types';
import { verificationHeaders } from '../../signatures';
import { type ToolContext, urlsFor } from '../context';
import { briefOutput, jsonInt, limitedText } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { strictInput } from '../strict-input';

const outputShape = {
  endpoint_id: z.string(),
  label: z.string(),
  url: z.string().describe('Give this to the sender'),
  url_kind: z.enum(['public', 'local']),
  local_url: z.string(),
  public_url: z.string().nullable(),
  receiving: z.boolean(),
  secret: z.string().nullable().describe('Shown at creation or with show_secret'),
  secret_count: jsonInt(),
  provider: z.string(),
  verification_headers: z.array(z.string()),
  created: z.boolean().describe('false: the label existed'),
  note: z.string(),
};

/** `register_webhook`: creates (or returns) an endpoint and its URL. */
export function registerRegisterWebhookTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'register_webhook',
    {
      title: 'Register webhook',
      description:
        'Creates an endpoint (or returns the one with this label) and the `url` for the sender. Pass its `secret` (or generate_secret) to verify events. Then wait_for_events.',
      inputSchema: strictInput({
        label: limitedText(64, 'Unique name, e.g. stripe-dev', 1),
        provider: z
          .string()
          .optional()
          .describe(`Signature scheme (default auto): ${PROVIDERS.join(', ')}`),
        secret: limitedText(500, 'The sender’s signing secret', 1).optional(),
        generate_secret: z.boolean().default(false).describe('Make a whsec_ secret'),
        forward_to: z.string().optional().describe('Also forward events here'),
        show_secret: z.boolean().default(false).describe('Existing label: return its secret'),
      }),
      outputSchema: briefOutput(outputShape),
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
        const urls = urlsFor(ctx, endpoint.id);
        const showSecret = !existing || args.show_secret;
        const notes = [
          existing
            ? `Endpoint "${endpoint.label}" already existed; returned unchanged (settings given now were not applied).`
            : `Created endpoint "${endpoint.label}".`,
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
          verification_headers: verificationHeaders(endpoint.provider),
          created: !existing,
          note: notes.join(' '),
        });
      }),
  );
}
