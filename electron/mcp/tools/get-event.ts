import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { StoredEvent } from '../../../shared/types';
import { InboxError } from '../../core/errors';
import { bodyAsText } from '../../core/event-json';
import { isTrusted } from '../../core/trust';
import { boundedShape } from '../body-outline';
import { bodyRangeSchema, readRange } from '../body-range';
import { parseJson } from '../body-view';
import { HARD_MAX_CHARS, budgetSchema, fitEvents, jsonChars, maxCharsSchema } from '../budget';
import { type ToolContext, viewer } from '../context';
import { envelope, envelopeSchema } from '../envelope';
import { resolvePointer } from '../json-pointer';
import { brief, choice, jsonInt, leanOutput, limitedText } from '../lean-schema';
import { UNTRUSTED_NOTICE, guarded, jsonResult } from '../results';
import { READ_ONLY, eventIdSchema } from '../schemas';
import { strictInput } from '../strict-input';

/** Room for the event's fields, the budget note and the JSON around them. */
const RESERVE = 800;

/** The value at a JSON pointer; an outline of it when it does not fit `room`. */
function pointerValue(event: StoredEvent, pointer: string, maxBytes: number, room: number) {
  const text = bodyAsText(event.body);
  const json = text === null ? { ok: false as const } : parseJson(text);
  if (!json.ok) {
    throw new InboxError(
      'invalid',
      `Event ${event.id} has no JSON body, so json_pointer cannot be used; call get_event with part "body" to see it`,
    );
  }
  const hit = resolvePointer(json.value, pointer);
  const serialized = JSON.stringify(hit.value) ?? 'null';
  if (jsonChars(hit.value) > room) {
    // Too big for this result: its shape, so the agent can point deeper.
    return { pointer, found: hit.found, value: boundedShape(hit.value), truncated: true, outlined: true };
  }
  const cut = Buffer.byteLength(serialized) > maxBytes;
  return {
    pointer,
    found: hit.found,
    value: cut ? Buffer.from(serialized).subarray(0, maxBytes).toString() : hit.value,
    truncated: cut,
  };
}

/** Delivery attempts listed by get_event: the newest ten (each without bodies, so the list stays small). */
const ATTEMPTS_SHOWN = 10;

/** The event's newest forward/replay attempts and their total; undefined when there were none. */
function attemptsView(ctx: ToolContext, eventId: string) {
  const page = ctx.inbox.deliveries.attemptsForEvent(eventId, ATTEMPTS_SHOWN);
  if (page.total === 0) return undefined;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    total: page.total,
    newest: page.attempts.map((a) => ({
      kind: a.kind,
      attempt: a.attempt,
      target_url: a.targetUrl,
      started_at: new Date(a.startedAt).toISOString(),
      duration_ms: a.durationMs,
      status: a.status,
      error: a.error,
      next_attempt_at: iso(a.nextAttemptAt),
    })),
  };
}

/** `get_event`: one event, in the part the agent asks for, within the result budget. */
export function registerGetEventTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_event',
    {
      title: 'Get event',
      description:
        'One event (untrusted data); raw: exact bytes as base64. A body over max_chars is an outline with next {offset, length}: read bytes with offset/length, values with json_pointer.',
      inputSchema: strictInput({
        event_id: eventIdSchema,
        part: choice(['summary', 'headers', 'body', 'raw'], 'body', 'What to include'),
        json_pointer: limitedText(500, 'e.g. /data/object/id').optional(),
        offset: z.number().int().min(0).meta({ maximum: undefined }).optional().describe('First body byte'),
        length: z.number().int().min(1).meta({ maximum: undefined }).optional().describe('Bytes to read'),
        max_bytes: z
          .number()
          .int()
          .min(1)
          .max(1_000_000)
          .default(65_536)
          .meta({ minimum: undefined, maximum: undefined, description: 'Cut the body here (≤1e6)' }),
        max_chars: maxCharsSchema,
      }),
      outputSchema: leanOutput({
        event: brief(envelopeSchema, 'Untrusted data'),
        json_pointer: brief(
          z.object({
            pointer: z.string(),
            found: z.boolean(),
            value: z.unknown(),
            truncated: z.boolean(),
            outlined: z.boolean().optional(),
          }),
          'outlined: a shape, point deeper',
        ).optional(),
        range: brief(bodyRangeSchema, 'Bytes read; next: the rest').optional(),
        deliveries: brief(
          z.object({
            total: jsonInt(),
            newest: z.array(
              z.object({
                kind: z.string(),
                attempt: jsonInt(),
                target_url: z.string(),
                started_at: z.string(),
                duration_ms: z.number().nullable(),
                status: z.number().nullable(),
                error: z.string().nullable(),
                next_attempt_at: z.string().nullable(),
              }),
            ),
          }),
          `Newest ${ATTEMPTS_SHOWN} attempts`,
        ).optional(),
        budget: budgetSchema,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(ctx.log, 'get_event', () => {
        const event = ctx.inbox.getEvent(args.event_id);
        const endpoint = ctx.inbox.findEndpoint(event.endpointId);
        const trusted = isTrusted(event, endpoint);
        const byRange = args.offset !== undefined || args.length !== undefined;
        const byPointer = args.json_pointer !== undefined;
        const withBody = (args.part === 'body' || args.part === 'raw') && !byRange && !byPointer;
        const wrapped = envelope(event, endpoint?.label ?? null, trusted, {
          headers: args.part === 'headers' || args.part === 'raw',
          bodyBytes: withBody ? args.max_bytes : undefined,
          raw: args.part === 'raw',
          viewer: viewer(ctx),
        });
        let room = Math.min(args.max_chars, HARD_MAX_CHARS) - UNTRUSTED_NOTICE.length - RESERVE;
        const out: Record<string, unknown> = {};
        const deliveries = attemptsView(ctx, event.id);
        if (deliveries) {
          out.deliveries = deliveries;
          room -= jsonChars(deliveries);
        }
        // What the pointer or range left out, said in the budget note as well as in their own fields.
        const cuts: string[] = [];
        if (byPointer && args.json_pointer !== undefined) {
          const pointed = pointerValue(event, args.json_pointer, args.max_bytes, room - jsonChars(wrapped));
          if ('outlined' in pointed) cuts.push('the json_pointer value is an outline: point deeper');
          out.json_pointer = pointed;
          room -= jsonChars(pointed);
        }
        if (byRange) {
          const range = readRange(event.body, args.offset ?? 0, args.length, room - jsonChars(wrapped));
          if (range.next)
            cuts.push(
              `the range stops early: continue with offset ${range.next.offset}, length ${range.next.length}`,
            );
          out.range = range;
          room -= jsonChars(range);
        }
        const fitted = fitEvents(
          [{ envelope: wrapped, body: event.body, contentType: event.contentType, raw: args.part === 'raw' }],
          room,
          args.max_chars,
        );
        const budget = cuts.length
          ? {
              ...fitted.budget,
              note: [fitted.budget.note, `Cut to fit max_chars ${args.max_chars}: ${cuts.join('; ')}.`]
                .filter(Boolean)
                .join(' '),
            }
          : fitted.budget;
        return jsonResult(
          { event: fitted.events[0], ...out, budget },
          { untrusted: true, links: fitted.links },
        );
      }),
  );
}
