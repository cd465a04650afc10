/**
 * A JSON value flattened into the paths it has and the type at each: `data.object.amount` →
 * `integer`, array elements as `items[]`. Drift reports and inferred schemas are built on this.
 */

/** JSON Schema type names (integer apart from number: an amount that becomes 12.5 is drift). */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** The JSON Schema type of a parsed JSON value. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as 'string' | 'boolean';
  return 'object';
}

// Deeply nested payloads would make paths without end; past this depth they are not followed.
const MAX_DEPTH = 12;

/** Every path in the value with the types seen there (an array's elements may differ). */
export function jsonPaths(value: unknown): Map<string, Set<JsonType>> {
  const out = new Map<string, Set<JsonType>>();
  const walk = (node: unknown, path: string, depth: number) => {
    const type = jsonType(node);
    if (path) {
      const types = out.get(path) ?? new Set<JsonType>();
      types.add(type);
      out.set(path, types);
    }
    if (depth >= MAX_DEPTH) return;
    if (type === 'array' && Array.isArray(node)) for (const item of node) walk(item, `${path}[]`, depth + 1);
    else if (type === 'object' && typeof node === 'object' && node !== null)
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key, depth + 1);
  };
  walk(value, '', 0);
  return out;
}
