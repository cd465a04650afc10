/**
 * Infers a JSON Schema (draft-07) from example bodies: every key seen, its types, and `required`
 * for keys every example has. Meant to be attached and then tightened by hand.
 */
import { type JsonType, jsonType } from './json-paths';

/** A JSON Schema node. */
export type JsonSchema = {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $schema?: string;
  title?: string;
};

function merge(values: unknown[]): JsonSchema {
  const types = [...new Set(values.map(jsonType))];
  // integer is a number: one "number" covers both when both are seen.
  const simplified = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
  const schema: JsonSchema = { type: simplified.length === 1 ? simplified[0] : simplified.sort() };
  const objects = values.filter((v): v is Record<string, unknown> => jsonType(v) === 'object');
  if (objects.length > 0) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    schema.properties = Object.fromEntries(
      keys.map((k) => [k, merge(objects.filter((o) => k in o).map((o) => o[k]))]),
    );
    const required = keys.filter((k) => objects.every((o) => k in o));
    if (required.length > 0) schema.required = required;
  }
  const items = values.filter(Array.isArray).flat();
  if (items.length > 0) schema.items = merge(items);
  return schema;
}

/** A schema every example validates against. */
export function inferSchema(examples: unknown[], title: string): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, ...merge(examples) };
}
