/**
 * `--set path=value` edits before signing: a dotted path into the JSON body (`data.object.amount`,
 * array indexes as numbers: `items.0.price`) or a form field name. Values are JSON when they parse
 * as JSON (500, true, null, {"a":1}, "quoted"), else taken as text.
 */
import { InboxError } from '../core/errors';
import { isRecord } from '../signatures/bytes';
import type { TemplateBody } from './types';

/** One parsed edit. */
export interface PathEdit {
  path: string[];
  value: unknown;
  text: string;
}

/** Parses `path=value`; a clear error for anything else. */
export function parseSet(assignment: string): PathEdit {
  const eq = assignment.indexOf('=');
  const path = eq > 0 ? assignment.slice(0, eq).trim() : '';
  if (!path)
    throw new InboxError('invalid', `--set "${assignment}" is not path=value (e.g. data.object.amount=500)`);
  const text = assignment.slice(eq + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the text itself.
  }
  const segments = path.split('.');
  if (segments.some((s) => s.length === 0))
    throw new InboxError('invalid', `--set "${assignment}": the path has an empty segment`);
  return { path: segments, value, text };
}

function setIn(root: unknown, edit: PathEdit): unknown {
  const [head, ...rest] = edit.path;
  if (head === undefined) return edit.value;
  if (Array.isArray(root)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index > root.length)
      throw new InboxError(
        'invalid',
        `--set ${edit.path.join('.')}: "${head}" is not an index of an array of ${root.length} items`,
      );
    const copy = [...root];
    copy[index] = setIn(root[index], { ...edit, path: rest });
    return copy;
  }
  const base: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  if (root !== undefined && root !== null && !isRecord(root))
    throw new InboxError(
      'invalid',
      `--set ${edit.path.join('.')}: cannot go into a ${typeof root} at "${head}"`,
    );
  base[head] = setIn(base[head], { ...edit, path: rest });
  return base;
}

/** The body with every edit applied, in order. */
export function applySets(body: TemplateBody, assignments: string[]): TemplateBody {
  const edits = assignments.map(parseSet);
  if (body.kind === 'form') {
    const fields = [...body.fields];
    for (const edit of edits) {
      const name = edit.path.join('.');
      const index = fields.findIndex(([field]) => field === name);
      if (index >= 0) fields[index] = [name, edit.text];
      else fields.push([name, edit.text]);
    }
    return { kind: 'form', fields };
  }
  let value = body.value;
  for (const edit of edits) value = setIn(value, edit);
  return { kind: 'json', value };
}

/** The body's bytes as they will be sent and signed. */
export function serializeBody(body: TemplateBody): Uint8Array {
  const text =
    body.kind === 'json' ? JSON.stringify(body.value) : new URLSearchParams(body.fields).toString();
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
