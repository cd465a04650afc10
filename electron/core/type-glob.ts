import { InboxError } from './errors';

/** Event-type globs an endpoint may filter on: `*` matches any run of characters, `?` one. */
const GLOB = /^[\w.:/*?@-]{1,100}$/;

/** Checks an endpoint's event-type filter: 1–20 globs like `invoice.*`; null or [] means every type. */
export function checkEventTypes(globs: string[] | null): string[] | null {
  if (globs === null) return null;
  const cleaned = [...new Set(globs.map((g) => g.trim()).filter((g) => g.length > 0))];
  if (cleaned.length === 0) return null;
  if (cleaned.length > 20) throw new InboxError('invalid', 'At most 20 event types', { field: 'eventTypes' });
  const bad = cleaned.find((g) => !GLOB.test(g));
  if (bad !== undefined)
    throw new InboxError(
      'invalid',
      `Invalid event type "${bad}": use letters, digits, . _ - : / @ and the wildcards * and ?, e.g. invoice.*`,
      { field: 'eventTypes' },
    );
  return cleaned;
}

const compiled = new Map<string, RegExp>();

function globRegex(glob: string): RegExp {
  let re = compiled.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'i');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, re);
  }
  return re;
}

/**
 * Whether an event of this type passes an endpoint's filter. An event without a type (a handshake, a
 * sender that names none) passes only an endpoint without a filter.
 */
export function passesEventTypes(globs: readonly string[] | null, type: string | null): boolean {
  if (!globs) return true;
  if (type === null) return false;
  return globs.some((g) => globRegex(g).test(type));
}
