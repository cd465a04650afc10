import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AckOutcome } from '../../../shared/types';
import type { ToolContext } from '../context';
import { brief, briefOutput, choice, jsonInt, limitedText } from '../lean-schema';
import { guarded, jsonResult } from '../results';
import { LOCAL_WRITE, eventIdList } from '../schemas';
import { strictInput } from '../strict-input';

const outcomeSchema = choice(['done', 'ignored', 'failed'], 'done', 'failed: dead letter');
const noteSchema = limitedText(2000, 'Shown in the app').optional();

const outputShape = {
  results: z.array(
    brief(
      z.object({
        event_id: z.string(),
        result: z.enum(['acked', 'already_acked', 'not_found']),
      }),
    ),
  ),
  acked: jsonInt('How many events this call acked'),
};

function ack(ctx: ToolContext, ids: string[], outcome: AckOutcome, note: string | undefined): CallToolResult {
  const reports = ctx.inbox.ack(ids, ctx.actor(), outcome, note ?? null);
  return jsonResult({
    results: reports.map((r) => ({ event_id: r.eventId, result: r.result })),
    acked: reports.filter((r) => r.result === 'acked').length,
  });
}

/** `ack_events` (its one-id alias `ack_event` is accepted unlisted: see server.ts). */
export function registerAckEventsTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'ack_events',
    {
      title: 'Ack events',
      description: 'Marks events handled: poll/wait stop returning them (a second ack keeps the first).',
      inputSchema: strictInput({
        event_ids: eventIdList('≤100 evt_… from poll_events'),
        outcome: outcomeSchema,
        note: noteSchema,
      }),
      outputSchema: briefOutput(outputShape),
      annotations: LOCAL_WRITE,
    },
    (args) =>
      guarded(ctx.log, 'ack_events', () => ack(ctx, [...new Set(args.event_ids)], args.outcome, args.note)),
  );
}
