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
  return z.object(shape).meta({ $schema: undefined, additionalProperties: undefined });
}

/** The fields of an object in one line: `name?` when optional, enum values (and nested objects) spelled out. */
function fieldsBrief(shape: z.ZodRawShape, nested: boolean): string {
  return `{${Object.entries(shape)
    .map(([name, field]) => fieldBrief(name, field as z.ZodType, nested))
    .join(', ')}}`;
}

function fieldBrief(name: string, field: z.ZodType, nested: boolean): string {
  let inner: z.ZodType = field;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  let detail = '';
  if (inner instanceof z.ZodEnum) detail = `: ${inner.options.join('|')}`;
  else if (nested && inner instanceof z.ZodObject) detail = fieldsBrief(inner.shape, nested);
  else if (nested && inner instanceof z.ZodArray && inner.element instanceof z.ZodObject)
    detail = `[${fieldsBrief(inner.element.shape, nested)}]`;
  return `${name}${optional ? '?' : ''}${detail}`;
}

/**
 * An object in a tool result described in one line (its fields, enum values and, when `nested`,
 * inner objects spelled out) instead of a JSON Schema per field: a model reads the shape at a
 * glance, the catalogue stays small, and the server still validates results against the zod schema.
 */
export function brief<Shape extends z.ZodRawShape, T extends z.ZodObject<Shape>>(
  schema: T,
  lead?: string,
  nested = true,
): T {
  const intro = lead ?? schema.description;
  const description = `${intro ? `${intro} ` : ''}${fieldsBrief(schema.shape, nested)}`;
  return schema.meta({
    $schema: undefined,
    properties: undefined,
    required: undefined,
    additionalProperties: undefined,
    description,
  });
}

/** A tool's output schema in brief (see {@link brief}), for results whose fields speak for themselves. */
export function briefOutput<Shape extends z.ZodRawShape>(shape: Shape, lead?: string) {
  return brief(z.object(shape), lead);
}

/** A string argument whose length limits guard against abuse only, so they stay out of the catalogue. */
export function limitedText(max: number, description: string, min = 0) {
  return z.string().min(min).max(max).meta({ minLength: undefined, maxLength: undefined, description });
}

/** `schema` or null, written as one JSON Schema type list instead of an `anyOf` of two schemas. */
export function orNull<T extends z.ZodType>(schema: T, type: 'object' | 'string', description: string) {
  return schema.nullable().meta({ anyOf: undefined, type: [type, 'null'], description });
}

/**
 * A tool's output schema in brief (top-level fields in one line) that still lists its required
 * fields, so a client can check a result without the catalogue carrying a schema per field.
 */
export function briefRequired<Shape extends z.ZodRawShape>(shape: Shape, lead: string) {
  const required = Object.entries(shape)
    .filter(([, field]) => !(field instanceof z.ZodOptional))
    .map(([name]) => name);
  return z.object(shape).meta({
    $schema: undefined,
    properties: undefined,
    additionalProperties: undefined,
    required,
    description: `${lead} ${fieldsBrief(shape, false)}`,
  });
}

/** A choice between a few strings with a default; JSON Schema's `enum` says the type already. */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
  description: string,
) {
  return z
    .enum(values)
    .default(fallback as never)
    .meta({ type: undefined, description });
}

/**
 * An opt-in switch: false unless the caller sets it. The catalogue leaves `"default": false` out —
 * an unset flag is off, so the line only costs the model's context.
 */
export function flag(description: string) {
  return z.boolean().default(false).meta({ default: undefined, description });
}
