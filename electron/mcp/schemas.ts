import { z } from 'zod';
import { maxCharsSchema } from './budget';
import { choice } from './lean-schema';

/** An endpoint reference: id or label. */
export const endpointRefSchema = z
  .string()
  .min(1)
  .max(200)
  // Limits that only guard against abuse stay out of the catalogue (see lean-schema.ts).
  .meta({ minLength: undefined, maxLength: undefined, description: 'Endpoint id or label' });

const eventIdText = () =>
  z.string().regex(/^evt_[0-9a-z]{10,40}$/, 'Event ids look like "evt_01jx3q9…": copy one from poll_events');

/** An event id as stored (`evt_` + 22 base32 characters). */
export const eventIdSchema = eventIdText().meta({
  pattern: undefined,
  description: 'evt_… from poll_events',
});

/** A list of event ids (1–100), described once on the list rather than again on every item. */
export function eventIdList(description: string) {
  return z
    .array(eventIdText().meta({ pattern: undefined }))
    .min(1)
    .max(100)
    .describe(description);
}

/** The filters poll_events and wait_for_events share. */
export const pollShape = {
  endpoint: endpointRefSchema.optional().describe('Only this endpoint'),
  status: choice(['pending', 'acked', 'all'], 'pending', 'Ack state'),
  // parseCursor checks the value; null (what an empty first page returns) means from the start.
  cursor: z.string().nullable().optional().describe('From the last result'),
  limit: z.number().int().min(1).max(100).default(20).describe('Most events'),
  detail: choice(['summary', 'full'], 'full', 'full: headers, body'),
  max_body_bytes: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(4096)
    .describe('Cut each body here (see next)'),
  include_untrusted: z.boolean().default(false).describe('Also quarantined ones'),
  max_chars: maxCharsSchema,
};

/** Annotation presets: every tool says whether it changes anything and whether it reaches outside. */
export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
