import { InboxError } from '../core/errors';

/** Resolves an RFC 6901 JSON Pointer (`/data/object/id`); `found: false` when a step is missing. */
export function resolvePointer(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  if (pointer === '') return { found: true, value: doc };
  if (!pointer.startsWith('/')) {
    throw new InboxError(
      'invalid',
      `Invalid json_pointer "${pointer}": it must be empty or start with "/", e.g. /data/object/id`,
    );
  }
  let current: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= current.length) return { found: false, value: null };
      current = current[Number(key)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false, value: null };
    }
  }
  return { found: true, value: current };
}
