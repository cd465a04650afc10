import { z } from 'zod';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as far as an importer needs it: lenient
 * where browsers differ (optional fields, extra `_custom` fields), strict about what makes a request.
 */
const nameValue = z.object({ name: z.string(), value: z.string() });

/** A HAR request. `_encoding: "base64"` is Hookline's custom field for binary bodies (HAR has none for requests). */
export const harRequestSchema = z.object({
  method: z.string().min(1),
  url: z.string().min(1),
  httpVersion: z.string().optional(),
  headers: z.array(nameValue),
  queryString: z.array(nameValue).optional(),
  postData: z
    .object({
      mimeType: z.string().optional(),
      text: z.string().optional(),
      _encoding: z.literal('base64').optional(),
    })
    .optional(),
});

/** Hookline's custom per-entry field: what makes a re-import identical. */
export const hooklineEntrySchema = z.object({
  eventId: z.string().optional(),
  endpointId: z.string().optional(),
  path: z.string().optional(),
  query: z.string().optional(),
  remoteAddr: z.string().nullable().optional(),
});

/** A HAR entry. */
export const harEntrySchema = z.object({
  startedDateTime: z.string().optional(),
  request: harRequestSchema,
  response: z.object({ status: z.number().int() }).partial().optional(),
  _hookline: hooklineEntrySchema.optional(),
});

/** A HAR file. */
export const harSchema = z.object({
  log: z.object({
    version: z.string().optional(),
    entries: z.array(harEntrySchema),
  }),
});

/** A parsed HAR request. */
export type HarRequest = z.infer<typeof harRequestSchema>;
/** A parsed HAR entry. */
export type HarEntry = z.infer<typeof harEntrySchema>;
