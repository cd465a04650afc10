/**
 * Schemas of the records Hookline stores and sends between its own processes (a verdict, verify
 * options, a custom response, header pairs): one definition for the store reading its JSON columns
 * and for the relay mirror reading a relay's answers. Node-side only (the renderer does not load zod).
 */
import { z } from 'zod';
import { PROVIDERS } from './types';

/** Header pairs in order, as received. */
export const headerPairsSchema = z.array(z.tuple([z.string(), z.string()]));

/** A provider (signature scheme) name. */
export const providerNameSchema = z.enum(PROVIDERS);

/** Why a verdict came out as it did (signature header, signed content, hints). */
export const diagnosticsSchema = z.object({
  header: z.string().optional(),
  signedContent: z.string().optional(),
  expected: z.array(z.string()).optional(),
  received: z.array(z.string()).optional(),
  hints: z.array(z.string()).optional(),
});

/** A verification verdict. */
export const verificationSchema = z.object({
  status: z.enum(['valid', 'invalid', 'unsigned', 'no_secret', 'error']),
  scheme: providerNameSchema.nullable(),
  reason: z.string(),
  signatureMatched: z.boolean().nullable(),
  fresh: z.boolean().nullable(),
  signedAt: z.number().nullable(),
  checkedAt: z.number(),
  diagnostics: diagnosticsSchema.optional(),
});

/** A generic HMAC scheme's settings. */
export const genericHmacRecordSchema = z.object({
  header: z.string(),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']),
  encoding: z.enum(['hex', 'base64']),
  prefix: z.string(),
});
