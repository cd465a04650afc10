/**
 * Body comparison: JSON by path (microdiff: small, dependency-free, reports created/removed/changed
 * leaves), form bodies by field, anything else by bytes. Bounded: agents and terminals get at most
 * MAX_CHANGES changes, and the rest is counted, never silently dropped.
 */
import diff from 'microdiff';
import type { BodyChange, BodyComparison } from '../../shared/event-diff';
import { utf8Text } from '../signatures/bytes';

/** The most changes a comparison lists; `truncated` counts the others. */
export const MAX_CHANGES = 500;

/** `data.object.amount`, `items[0].price`, `["odd key"]`. */
export function formatPath(segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(root)';
}

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  const text = utf8Text(body);
  if (text === null || !/^\s*[[{"0-9tfn-]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function parseForm(body: Uint8Array, contentType: string | null): Record<string, string> | null {
  if (!contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) return null;
  const text = utf8Text(body);
  if (text === null) return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text))
    fields[name] = name in fields ? `${fields[name]}, ${value}` : value;
  return fields;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

function jsonChanges(a: unknown, b: unknown): BodyChange[] {
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) {
    return Object.is(a, b)
      ? []
      : [{ kind: 'changed', segments: [], path: formatPath([]), before: a, after: b }];
  }
  return diff(a, b).map((d): BodyChange => {
    const path = formatPath(d.path);
    const before: unknown = d.type === 'CREATE' ? undefined : d.oldValue;
    const after: unknown = d.type === 'REMOVE' ? undefined : d.value;
    if (d.type === 'CREATE') return { kind: 'added', segments: d.path, path, after };
    if (d.type === 'REMOVE') return { kind: 'removed', segments: d.path, path, before };
    return { kind: 'changed', segments: d.path, path, before, after };
  });
}

function firstDifference(a: Uint8Array, b: Uint8Array): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

function bounded(mode: 'json' | 'form', changes: BodyChange[]): BodyComparison {
  return {
    mode,
    identical: changes.length === 0,
    changes: changes.slice(0, MAX_CHANGES),
    truncated: Math.max(0, changes.length - MAX_CHANGES),
  };
}

/** Compares two bodies the most meaningful way both allow. */
export function compareBodies(
  a: Uint8Array,
  b: Uint8Array,
  contentTypes: [string | null, string | null],
): BodyComparison {
  const jsonA = parseJson(a);
  const jsonB = parseJson(b);
  if (jsonA.ok && jsonB.ok) return bounded('json', jsonChanges(jsonA.value, jsonB.value));
  const formA = parseForm(a, contentTypes[0]);
  const formB = parseForm(b, contentTypes[1]);
  if (formA && formB) return bounded('form', jsonChanges(formA, formB));
  const at = firstDifference(a, b);
  return { mode: 'bytes', identical: at === null, sizeA: a.length, sizeB: b.length, firstDifferenceAt: at };
}
