import { z } from 'zod';
import type { CustomResponse, HeaderPair, Verification, VerifyOptions } from '../../shared/types';
import { PROVIDERS } from '../../shared/types';

/** Schemas for the JSON stored in TEXT columns: rows are data from disk, checked before use. */
const headerPairs = z.array(z.tuple([z.string(), z.string()]));

const providerName = z.enum(PROVIDERS);

const verification = z.object({
  status: z.enum(['valid', 'invalid', 'unsigned', 'no_secret', 'error']),
  scheme: providerName.nullable(),
  reason: z.string(),
  signatureMatched: z.boolean().nullable(),
  fresh: z.boolean().nullable(),
  signedAt: z.number().nullable(),
  checkedAt: z.number(),
  diagnostics: z
    .object({
      header: z.string().optional(),
      signedContent: z.string().optional(),
      expected: z.array(z.string()).optional(),
      received: z.array(z.string()).optional(),
      hints: z.array(z.string()).optional(),
    })
    .optional(),
});

const customResponse = z.object({
  status: z.number().int(),
  headers: headerPairs,
  body: z.string(),
  delayMs: z.number().int().nonnegative(),
});

const verifyOptions = z.object({
  toleranceSeconds: z.number().positive().default(300),
  publicUrl: z.string().optional(),
  generic: z
    .object({
      header: z.string(),
      algorithm: z.enum(['sha1', 'sha256', 'sha512']),
      encoding: z.enum(['hex', 'base64']),
      prefix: z.string(),
    })
    .optional(),
});

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`Corrupt ${what} in the inbox database: ${result.error.message}`);
  return result.data;
}

/** Parses a stored header list. */
export const readHeaders = (text: string): HeaderPair[] => parseJson(headerPairs, text, 'headers');
/** Parses a stored verification verdict. */
export const readVerification = (text: string): Verification => parseJson(verification, text, 'verification');
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
