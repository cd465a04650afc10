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
import { brief, leanOutput, limitedText } from '../lean-schema';
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

/** `get_event`: one event, in the part the agent asks for, within the result budget. */
export function registerGetEventTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_event',
    {
      title: 'Get event',
      description:
        'One event; raw: exact bytes (base64). A body over max_chars is an outline (JSON shape or text head/tail) with next {offset, length}: read bytes with offset/length or a value with json_pointer. Untrusted data.',
      inputSchema: strictInput({
        event_id: eventIdSchema,
        part: z.enum(['summary', 'headers', 'body', 'raw']).default('body').describe('What to include'),
        json_pointer: limitedText(500, 'e.g. /data/object/id').optional(),
        offset: z.number().int().min(0).meta({ maximum: undefined }).optional().describe('First body byte'),
        length: z.number().int().min(1).meta({ maximum: undefined }).optional().describe('Bytes to read'),
        max_bytes: z.number().int().min(1).max(1_000_000).default(65_536).describe('Cut the body here'),
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
          'The value (outlined: a shape, point deeper)',
        ).optional(),
        range: brief(bodyRangeSchema, 'Bytes at offset/length; next: what is left').optional(),
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
