import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { relayStatusText } from '../../../shared/relay-text';
import { inboxStatus } from '../../core/status';
import { DEFAULT_MAX_CHARS, budgetSchema, fitList, listBudget } from '../budget';
import type { ToolContext } from '../context';
import { brief, jsonInt } from '../lean-schema';
import { orphanedPending } from '../orphans';
import { guarded, jsonResult } from '../results';
import { READ_ONLY } from '../schemas';
import { strictInput } from '../strict-input';

/** `get_inbox_status`: is anything receiving, is there a public URL, what is pending. */
export function registerInboxStatusTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_inbox_status',
    {
      title: 'Inbox status',
      description: 'Can webhooks arrive now? Receiver, tunnel, public URL, pending counts, agents.',
      inputSchema: strictInput({}),
      // Top-level fields only: the result's nested objects explain themselves, and the catalogue stays small.
      outputSchema: brief(
        z.object({
          this_process: brief(
            z.object({
              role: z.enum(['starting', 'leader', 'follower', 'detached']),
              error: z.string().nullable(),
            }),
          ),
          receiver: brief(
            z.object({
              receiving: z.boolean(),
              leader_pid: jsonInt().nullable(),
              port: jsonInt().nullable(),
              local_base_url: z.string().nullable(),
            }),
          ),
          tunnel: brief(
            z.object({
              kind: z.string(),
              state: z.string(),
              public_url: z.string().nullable(),
              last_error: z.string().nullable(),
            }),
          ),
          public_url: z.string().nullable(),
          relay: brief(
            z.object({ url: z.string(), state: z.string(), member: z.string().nullable(), text: z.string() }),
          )
            .nullable()
            .describe('Mirrored relay'),
          endpoints: z.array(
            brief(
              z.object({
                endpoint_id: z.string(),
                label: z.string(),
                pending_count: jsonInt(),
                quarantined: jsonInt(),
                failed: jsonInt(),
                kept_over_limit: jsonInt(),
              }),
            ),
          ),
          retention: brief(
            z.object({
              keep: jsonInt(),
              keep_untrusted: jsonInt(),
              last_run: z.string(),
              deleted: jsonInt(),
              deleted_untrusted: jsonInt(),
            }),
          )
            .nullable()
            .describe('Last run'),
          forwarding: brief(
            z.object({
              open: jsonInt(),
              gave_up: jsonInt(),
              max_age_ms: jsonInt().nullable(),
            }),
          ),
          total_pending: jsonInt(),
          orphaned_pending: jsonInt(),
          budget: budgetSchema,
          agents: z.array(
            brief(z.object({ pid: jsonInt(), client: z.string(), client_version: z.string() })),
          ),
          data_dir: z.string(),
        }),
        undefined,
        false,
      ),
      annotations: READ_ONLY,
    },
    () =>
      guarded(ctx.log, 'get_inbox_status', () => {
        const status = inboxStatus(ctx.inbox);
        const { runtime } = status;
        const endpoints = status.endpoints.map((e) => {
          const tally = ctx.counts.tally(e);
          return {
            endpoint_id: e.id,
            label: e.label,
            pending_count: tally.pending,
            quarantined: tally.quarantined,
            failed: e.failed,
            kept_over_limit: e.keptOverLimit,
          };
        });
        // Many endpoints must not flood the result: the list is cut to the budget, list_webhooks pages them all.
        const shown = fitList(endpoints, DEFAULT_MAX_CHARS - 3_000);
        return jsonResult({
          this_process: ctx.role(),
          receiver: {
            receiving: runtime.leaderPid !== null,
            leader_pid: runtime.leaderPid,
            port: runtime.receiverPort,
            local_base_url: runtime.localBaseUrl,
          },
          tunnel: {
            kind: runtime.tunnel.kind,
            state: runtime.tunnel.state,
            public_url: runtime.tunnel.publicUrl,
            last_error: runtime.tunnel.lastError,
          },
          public_url: status.publicUrl,
          relay: status.relay && {
            url: status.relay.url,
            state: status.relay.status?.state ?? 'not_followed',
            member: status.relay.status?.member ?? null,
            text: relayStatusText(status.relay),
          },
          endpoints: shown.kept,
          total_pending: endpoints.reduce((n, e) => n + e.pending_count, 0),
          orphaned_pending: orphanedPending(ctx.inbox),
          budget: listBudget(DEFAULT_MAX_CHARS, shown.leftOut, 'list_webhooks pages through every endpoint'),
          retention: status.retention && {
            keep: status.retention.keep,
            keep_untrusted: status.retention.keepUntrusted,
            last_run: new Date(status.retention.at).toISOString(),
            deleted: status.retention.deleted,
            deleted_untrusted: status.retention.deletedUntrusted,
          },
          forwarding: {
            open: status.forwarding.open,
            gave_up: status.forwarding.gaveUp,
            max_age_ms: status.forwarding.maxAgeMs,
          },
          agents: ctx.inbox.agents.list().map((a) => ({
            pid: a.pid,
            client: a.client,
            client_version: a.clientVersion,
          })),
          data_dir: status.home,
        });
      }),
  );
}
