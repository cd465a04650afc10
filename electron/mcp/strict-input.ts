import { z } from 'zod';

/** Edit distance between two short keys (Levenshtein), for "did you mean" hints. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The known key an agent most likely meant by `unknown` (e.g. endpoint_id → endpoint), or null. */
export function closestKey(unknown: string, known: readonly string[]): string | null {
  const norm = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');
  const bare = norm(unknown).replace(/(id|ids|ref)$/, '');
  let best: { key: string; score: number } | null = null;
  for (const key of known) {
    const k = norm(key);
    // A key that contains the other (endpoint_id ⊃ endpoint, max_bytes ⊂ max_body_bytes) is a strong hint.
    const score =
      k === norm(unknown) || k === bare
        ? 0
        : k.includes(bare) || bare.includes(k)
          ? 1
          : distance(k, norm(unknown));
    if (score <= Math.max(2, Math.floor(k.length / 3)) && (best === null || score < best.score))
      best = { key, score };
  }
  return best?.key ?? null;
}

/** The message for arguments a tool does not take, naming the likely intended key. */
export function unknownArgumentsMessage(
  keys: readonly string[],
  known: readonly string[],
  nested: ReadonlyMap<string, string> = new Map(),
): string {
  const parts = keys.map((key) => {
    const parent = nested.get(key);
    if (parent) return `unknown argument ${key}; it goes inside ${parent}: {${key}: …}`;
    const hint = closestKey(key, known);
    return hint ? `unknown argument ${key}; did you mean ${hint}?` : `unknown argument ${key}`;
  });
  const list = known.length ? known.join(', ') : 'none';
  return `${parts.join('; ')} (this tool takes: ${list})`;
}

/** Keys of object-valued arguments (`filter.type`), so a key given one level too high gets pointed home. */
function nestedKeys(shape: z.ZodRawShape): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, field] of Object.entries(shape)) {
    let inner: z.ZodType = field as z.ZodType;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault)
      inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodObject) for (const key of Object.keys(inner.shape)) out.set(key, name);
  }
  return out;
}

/**
 * A tool's input schema that rejects unknown arguments instead of ignoring them: an agent that
 * passes `endpoint_id` for `endpoint` must hear so, not silently get every endpoint's events. The
 * server says so with the key that was meant; the catalogue leaves out `additionalProperties: false`
 * (a client rejecting the call first could not name it, and every session reads the catalogue).
 */
export function strictInput<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  const nested = nestedKeys(shape);
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? unknownArgumentsMessage(issue.keys, known, nested) : undefined,
    })
    .meta({ $schema: undefined, additionalProperties: undefined });
}
