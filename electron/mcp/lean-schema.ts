import { z } from 'zod';

/*
 * The tool catalogue is read by the model on every session, so its JSON Schema carries no noise:
 * JSON Schema metadata set to undefined drops the keys zod would emit (the ±2^53 bounds of every
 * integer, the `$schema` line of every tool). Validation is unchanged.
 */

/** An integer in a tool result, without the safe-integer bounds in its JSON Schema. */
export function jsonInt(description?: string) {
  // .describe() would replace this metadata, so the description goes in here.
  return z.number().int().meta({ minimum: undefined, maximum: undefined, description });
}

/** A tool's output schema from its fields, without the `$schema` line. */
export function leanOutput<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).meta({ $schema: undefined });
}
