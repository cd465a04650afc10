import { z } from 'zod';
import type { EventSchemaCheck } from '../../shared/schema-checks';

// Rows are data from disk: the stored check is parsed before use, like every JSON column.
const schemaCheck = z.object({
  schema: z.string(),
  count: z.number().int().nonnegative(),
  violations: z.array(z.object({ path: z.string(), message: z.string(), value: z.string().nullable() })),
  more: z.number().int().nonnegative(),
  checkedAt: z.number(),
});

/** The stored schema check of an event; null when there is none (or it cannot be read). */
export function readSchemaCheck(text: string | null | undefined): EventSchemaCheck | null {
  if (!text) return null;
  try {
    const parsed = schemaCheck.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Parses an attached schema as stored (it was checked to be a JSON object when attached). */
export function readAttachedSchema(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
