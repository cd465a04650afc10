import { z } from 'zod';
import {
  genericHmacRecordSchema,
  headerPairsSchema,
  providerNameSchema,
  verificationSchema,
} from '../../shared/record-schemas';
import type { CustomResponse, HeaderPair, Verification, VerifyOptions } from '../../shared/types';
import type { PROVIDERS } from '../../shared/types';
import { expandVerdictRecord } from '../core/verdict-record';

/** Schemas for the JSON stored in TEXT columns: rows are data from disk, checked before use. */
const headerPairs = headerPairsSchema;
const providerName = providerNameSchema;
const verification = verificationSchema;

const customResponse = z.object({
  status: z.number().int(),
  headers: headerPairs,
  body: z.string(),
  delayMs: z.number().int().nonnegative(),
});

const verifyOptions = z.object({
  toleranceSeconds: z.number().positive().default(300),
  publicUrl: z.string().optional(),
  generic: genericHmacRecordSchema.optional(),
});

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`Corrupt ${what} in the inbox database: ${result.error.message}`);
  return result.data;
}

/** Parses a stored header list. */
export const readHeaders = (text: string): HeaderPair[] => parseJson(headerPairs, text, 'headers');
/** Parses a stored verification verdict. */
export const readVerification = (text: string): Verification => {
  const result = verification.safeParse(expandVerdictRecord(JSON.parse(text)));
  if (!result.success) throw new Error(`Corrupt verification in the inbox database: ${result.error.message}`);
  return result.data;
};
/** Parses a stored custom response (null column → null). */
export const readResponse = (text: string | null): CustomResponse | null =>
  text === null ? null : parseJson(customResponse, text, 'custom response');
/** Parses stored verify options, filling defaults. */
export const readVerifyOptions = (text: string): VerifyOptions =>
  parseJson(verifyOptions, text, 'verify options');
/** Parses a stored secrets list. */
export const readSecrets = (text: string): string[] => parseJson(z.array(z.string()), text, 'secrets');
/** Validates a provider name read from a row (unknown names become null rather than crashing a list). */
export function readProvider(text: string | null): (typeof PROVIDERS)[number] | null {
  const parsed = providerName.safeParse(text);
  return parsed.success ? parsed.data : null;
}
/** An endpoint's event-type filter (a JSON list of globs), or null for every type. */
export const readEventTypes = (text: string | null): string[] | null =>
  text === null ? null : parseJson(z.array(z.string()), text, 'event types');
