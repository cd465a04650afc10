import { z } from 'zod';
import { maxCharsSchema } from './budget';

/** An endpoint reference: id or label. */
export const endpointRefSchema = z
  .string()
  .min(1)
  .max(200)
  // Limits that only guard against abuse stay out of the catalogue (see lean-schema.ts).
  .meta({ minLength: undefined, maxLength: undefined, description: 'Endpoint id or label' });

/** An event id as stored (`evt_` + 22 base32 characters). */
export const eventIdSchema = z
  .string()
  .regex(/^evt_[0-9a-z]{10,40}$/, 'Event ids look like "evt_01jx3q9…": copy one from poll_events')
  .meta({ pattern: undefined, description: 'evt_… from poll_events' });

/** The filters poll_events and wait_for_events share. */
export const pollShape = {
  endpoint: endpointRefSchema.optional().describe('Only this endpoint'),
  status: z.enum(['pending', 'acked', 'all']).default('pending').describe('Ack state'),
  // parseCursor checks the value; null (what an empty first page returns) means from the start.
  cursor: z.string().nullable().optional().describe('From the last result'),
  limit: z.number().int().min(1).max(100).default(20).describe('Most events'),
  detail: z.enum(['summary', 'full']).default('full').describe('full: headers, body'),
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
