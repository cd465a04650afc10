import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { outlineBody } from './body-outline';
import type { BodyView } from './body-view';
import type { Envelope } from './envelope';
import { brief, jsonInt } from './lean-schema';
import { safeJson } from './safe-text';

/** A result's text budget when the agent does not give one: about 4k tokens. */
export const DEFAULT_MAX_CHARS = 16_000;
/** The most an agent may ask for in one result. */
export const HARD_MAX_CHARS = 64_000;

/** The per-call budget argument every event-bearing tool takes. */
export const maxCharsSchema = z
  .number()
  .int()
  .min(2_000)
  .max(HARD_MAX_CHARS)
  // The bounds go in the description: shorter than JSON Schema's minimum/maximum, in five tools.
  .meta({ minimum: undefined, maximum: undefined })
  .default(DEFAULT_MAX_CHARS)
  .describe(`2000-${HARD_MAX_CHARS}`);

/** What a result left out to stay in budget, and how to get it. */
export const budgetSchema = brief(
  z.object({
    max_chars: jsonInt(),
    outlined: z.array(z.string()),
    headers_omitted: z.array(z.string()),
    shortened: z.boolean(),
    note: z.string().nullable(),
  }),
  'Cuts:',
);

/** See {@link budgetSchema}. */
export type Budget = z.infer<typeof budgetSchema>;

/** Room a page result needs besides its events: the notice, cursor, counts and the budget note. */
export const PAGE_RESERVE = 1_000;

/** The resource that holds an event. */
export function eventUri(eventId: string): string {
  return `hookline://events/${eventId}`;
}

/** A resource_link content item to an event, for results that outlined its body. */
export function eventLink(eventId: string): ResourceLink {
  return {
    type: 'resource_link',
    uri: eventUri(eventId),
    name: eventId,
    mimeType: 'application/json',
    description: 'Whole event (untrusted data)',
  };
}

/** Characters a value takes in a result's text (escaped as jsonResult writes it). */
export function jsonChars(value: unknown): number {
  return safeJson(value).length;
}

/** A body replaced by its outline, with the exact bytes still to read. */
export function outlineView(
  view: BodyView,
  body: Uint8Array,
  contentType: string | null,
  eventId: string,
): BodyView {
  const { outline, next } = outlineBody(body, contentType);
  return {
    encoding: 'outline',
    size: view.size,
    truncated: true,
    truncated_at_receive: view.truncated_at_receive,
    outline: { ...outline, resource: eventUri(eventId) },
    next,
  };
}

/** An event to fit: its envelope and the stored body an outline is made from (none for summaries). */
export interface Fittable {
  envelope: Envelope;
  body?: Uint8Array;
  contentType: string | null;
  /** The agent asked for the exact bytes (base64): never replace them by an outline unasked. */
  raw?: boolean;
}

/** Events that fit a budget, and what was cut to get there. */
export interface Fitted {
  events: Envelope[];
  budget: Budget;
  links: ResourceLink[];
}

/** The longest prefix of `items` whose JSON fits `room` characters (never empty when items are not), and how many were left out. */
export function fitList<T>(items: T[], room: number): { kept: T[]; leftOut: number } {
  let total = 0;
  let count = 0;
  for (const item of items) {
    const size = jsonChars(item) + 1;
    if (count > 0 && total + size > room) break;
    total += size;
    count++;
  }
  return { kept: items.slice(0, count), leftOut: items.length - count };
}

/** The budget of a list result that held back `leftOut` items: says so and how to get them. */
export function listBudget(maxChars: number, leftOut: number, how: string): Budget {
  return {
    max_chars: maxChars,
    outlined: [],
    headers_omitted: [],
    shortened: leftOut > 0,
    note: leftOut > 0 ? `Cut to fit max_chars ${maxChars}: ${leftOut} more left out; ${how}.` : null,
  };
}

/** Whether an outline should replace a body, given it and the event's size with it and before. */
type Worth = (outline: BodyView, size: number, before: number) => boolean;

/**
 * Fits events into `room` characters: first the largest bodies become outlines, then events are
 * held back from the end of the page (the cursor continues there), and a lone event that still does
 * not fit loses its headers. Nothing is cut silently: the budget says what and how to get it.
 */
export function fitEvents(items: Fittable[], room: number, maxChars: number): Fitted {
  const events = items.map((i) => i.envelope);
  const sizes = events.map((e) => jsonChars(e) + 1);
  let total = sizes.reduce((a, b) => a + b, 0);
  const outlined: string[] = [];
  const links: ResourceLink[] = [];
  const headersOmitted: string[] = [];
  /** Replaces event i's body by its outline when `worth` says so. */
  const outline = (i: number, item: Fittable, view: BodyView, body: Uint8Array, worth: Worth): void => {
    const id = item.envelope.event_id;
    const replaced = outlineView(view, body, item.contentType, id);
    const next = { ...item.envelope, body: replaced };
    const size = jsonChars(next) + 1;
    if (!worth(replaced, size, sizes[i] ?? 0)) return;
    const link = eventLink(id);
    // The link and the id in budget.outlined take room too.
    total += size - (sizes[i] ?? 0) + jsonChars(link) + jsonChars(id) + 1;
    events[i] = next;
    sizes[i] = size;
    outlined.push(id);
    links.push(link);
  };
  // A JSON or form body cut at max bytes is of more use as an outline than as a cut-off prefix.
  items.forEach((item, i) => {
    const view = item.envelope.body;
    if (!item.body || !view || item.raw || !view.truncated || view.truncated_at_receive) return;
    if (view.encoding === 'text') outline(i, item, view, item.body, (o) => o.outline?.kind !== 'text');
  });
  if (total > room) {
    const largestFirst = sizes.map((size, i) => ({ size, i })).sort((a, b) => b.size - a.size);
    for (const { i } of largestFirst) {
      if (total <= room) break;
      const item = items[i];
      const view = item?.envelope.body;
      if (!item || !view || !item.body || view.encoding === 'empty' || view.encoding === 'outline') continue;
      outline(i, item, view, item.body, (_, size, before) => size < before);
    }
  }
  let shortened = false;
  while (total > room && events.length > 1) {
    const dropped = events.pop();
    total -= sizes.pop() ?? 0;
    const at = outlined.indexOf(dropped?.event_id ?? '');
    if (at >= 0) {
      outlined.splice(at, 1);
      links.splice(at, 1);
    }
    shortened = true;
  }
  const only = events[0];
  if (total > room && only?.headers) {
    events[0] = { ...only, headers: undefined };
    headersOmitted.push(only.event_id);
  }
  return { events, links, budget: budgetOf(maxChars, outlined, headersOmitted, shortened) };
}

function budgetOf(
  maxChars: number,
  outlined: string[],
  headersOmitted: string[],
  shortened: boolean,
): Budget {
  const parts: string[] = [];
  if (outlined.length)
    parts.push(
      `${outlined.length} bod${outlined.length === 1 ? 'y is an outline' : 'ies are outlines'}: read one with get_event (event_id and the body's next.offset/next.length, or a json_pointer)`,
    );
  if (headersOmitted.length) parts.push('headers left out: get_event part "headers"');
  if (shortened) parts.push('fewer events than asked to stay in budget: call again with the returned cursor');
  return {
    max_chars: maxChars,
    outlined,
    headers_omitted: headersOmitted,
    shortened,
    note: parts.length ? `Cut to fit max_chars ${maxChars}: ${parts.join('; ')}. Or raise max_chars.` : null,
  };
}
