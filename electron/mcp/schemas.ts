import { z } from 'zod';
import { maxCharsSchema } from './budget';

/** An endpoint reference: id or label. */
export const endpointRefSchema = z
  .string()
  .min(1)
  .max(200)
  .describe('Endpoint id (from register_webhook or list_webhooks) or its label');

/** An event id as stored (`evt_` + 22 base32 characters). */
export const eventIdSchema = z
  .string()
  .regex(/^evt_[0-9a-z]{10,40}$/, 'Event ids look like "evt_01jx3q9…": copy one from poll_events')
  .describe('Event id, e.g. "evt_01jx3q9c8m…", as returned by poll_events');

/** The filters poll_events and wait_for_events share. */
export const pollShape = {
  endpoint: endpointRefSchema.optional().describe('Only this endpoint (id or label)'),
  status: z.enum(['pending', 'acked', 'all']).default('pending').describe('Ack state'),
  cursor: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe(
      'Resume after this position: the cursor the previous call returned (null or omitted: from the start)',
    ),
  limit: z.number().int().min(1).max(100).default(20).describe('Most events'),
  detail: z.enum(['summary', 'full']).default('full').describe('full adds headers and body'),
  max_body_bytes: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(4096)
    .describe('Cut each body here (see next)'),
  include_untrusted: z
    .boolean()
    .default(false)
    .describe('Also quarantined events (bad or missing signature)'),
  max_chars: maxCharsSchema,
};

/** Annotation presets: every tool says whether it changes anything and whether it reaches outside. */
export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
