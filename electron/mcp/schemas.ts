import { z } from 'zod';
import { MAX_CLAIM_SECONDS } from '../core/claims';
import { maxCharsSchema } from './budget';
import { choice, flag } from './lean-schema';
import { unknownArgumentsMessage } from './strict-input';

/** An endpoint reference: id or label. */
export const endpointRefSchema = z
  .string()
  .min(1)
  .max(200)
  // Limits that only guard against abuse stay out of the catalogue (see lean-schema.ts).
  .meta({ minLength: undefined, maxLength: undefined, description: 'Id or label' });

const eventIdText = () =>
  z.string().regex(/^evt_[0-9a-z]{10,40}$/, 'Event ids look like "evt_01jx3q9…": copy one from poll_events');

/** An event id as stored (`evt_` + 22 base32 characters). */
export const eventIdSchema = eventIdText().meta({
  pattern: undefined,
  description: 'evt_… from poll_events',
});

/** A list of event ids (1–100), described once on the list rather than again on every item. */
export function eventIdList(description: string) {
  return (
    z
      .array(eventIdText().meta({ pattern: undefined }))
      .min(1)
      .max(100)
      // The bounds guard against abuse and are checked all the same; the catalogue leaves them out.
      .meta({ minItems: undefined, maxItems: undefined, description })
  );
}

/**
 * A filter that takes one value, several comma-separated (`a,b`), or an array. The catalogue shows a
 * plain string: the shortest schema that teaches it, in three tools.
 */
function oneOrMany(field: string, description: string) {
  const item = z.string().min(1).max(200);
  return z
    .union([item, z.array(item).min(1).max(50)], {
      error: `${field}: pass a string ("a" or "a,b") or an array of strings`,
    })
    .meta({ anyOf: undefined, type: 'string', description })
    .optional();
}

/** A time filter: ISO 8601 or ms since epoch (checked by parseTime, which names the field). */
function timeFilter(field: string, description: string) {
  return z
    .union([z.string().max(40), z.number()], {
      error: `${field}: pass an ISO time (2026-12-01T10:00:00Z) or ms since epoch`,
    })
    .meta({ anyOf: undefined, type: 'string', description })
    .optional();
}

const filterFields = {
  type: oneOrMany('filter.type', 'Event type glob'),
  verdict: oneOrMany('filter.verdict', 'Verdicts'),
  since: timeFilter('filter.since', 'Received from'),
  until: timeFilter('filter.until', 'Received before'),
};

/**
 * The narrowing filters as one object, described in a line (see lean-schema.ts `brief`): three tools
 * take it, so its JSON Schema is paid for three times in the catalogue a model reads every session.
 * Validation is as strict as anywhere: unknown keys and wrong values are errors naming the field.
 */
const filterSchema = z
  .strictObject(filterFields, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `filter: ${unknownArgumentsMessage(issue.keys, Object.keys(filterFields))}`
        : undefined,
  })
  .meta({
    properties: undefined,
    required: undefined,
    additionalProperties: undefined,
    description:
      // Verdict values are spelled out in get_event's output and in the error for a wrong one.
      '{type: glob (invoice.*), verdict, since, until: ISO|ms}; a,b: either',
  })
  .optional();

/** The filters poll_events, wait_for_events and search_events share. */
export const filterShape = {
  endpoint: oneOrMany('endpoint', 'Id or label; a,b: either'),
  filter: filterSchema,
};

/** The arguments poll_events and wait_for_events share. */
export const pollShape = {
  ...filterShape,
  status: choice(['pending', 'acked', 'failed', 'all'], 'pending', 'failed: dead letter'),
  // parseCursor checks the value; null (what an empty first page returns) means from the start.
  cursor: z.string().nullable().optional().describe('Last result’s'),
  // Bounds checked all the same; the catalogue says the one that matters in words (three tools share it).
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ minimum: undefined, maximum: undefined, description: 'Most events, ≤100' }),
  detail: choice(['summary', 'full'], 'full', 'full: headers, body'),
  max_body_bytes: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(4096)
    .meta({ minimum: undefined, maximum: undefined, description: 'Body cut (see next)' }),
  include_untrusted: flag('Quarantined too'),
  max_chars: maxCharsSchema,
  claim_for_s: z
    .number()
    .int()
    .min(1)
    .max(MAX_CLAIM_SECONDS)
    .optional()
    .meta({
      minimum: undefined,
      maximum: undefined,
      description: `Claim N s (1-${MAX_CLAIM_SECONDS}): others skip`,
    }),
};

/** Annotation presets: every tool says whether it changes anything and whether it reaches outside. */
/** A tool that changes only the local inbox, where doing it twice is the same as once (ack, release, settings). */
export const LOCAL_WRITE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** A tool that sends requests out of the inbox (replay, trigger): each call sends again. */
export const SENDS_OUT = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
