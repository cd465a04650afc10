import { bodyAsText } from '../core/event-json';
import { parseJson } from './body-view';

/** How long an outline may get, in characters of JSON; deeper levels are dropped until it fits. */
const OUTLINE_MAX_CHARS = 1_500;
const KEYS_SHOWN = 25;
const STRING_PREVIEW = 40;
const TEXT_HEAD_BYTES = 600;
const TEXT_TAIL_BYTES = 200;
const HEX_PREVIEW_BYTES = 32;

/** Where the bytes an outline does not show are, for get_event `offset`/`length`. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** A compact picture of a body that does not fit, and the byte range still to read. */
export interface Outline {
  outline: Record<string, unknown>;
  next: ByteRange;
}

/** A scalar preview: short strings as they are, long ones cut with their length said. */
function previewScalar(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const chars = Array.from(value);
  if (chars.length <= STRING_PREVIEW) return value;
  return `${chars.slice(0, STRING_PREVIEW).join('')}… (string, ${chars.length} chars)`;
}

/**
 * The shape of a JSON value to `depth` levels: objects keep their keys (the first 25), arrays say
 * their length and the shape of their first item, scalars are previewed.
 */
export function jsonShape(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) {
    if (depth <= 0 || value.length === 0) return `(array, ${value.length} items)`;
    return { $array_length: value.length, $first_item: jsonShape(value[0], depth - 1) };
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (depth <= 0) return `(object, ${keys.length} keys)`;
    const out: Record<string, unknown> = {};
    for (const key of keys.slice(0, KEYS_SHOWN))
      out[key] = jsonShape((value as Record<string, unknown>)[key], depth - 1);
    if (keys.length > KEYS_SHOWN) out.$more_keys = keys.length - KEYS_SHOWN;
    return out;
  }
  return previewScalar(value);
}

/** The deepest shape of `value` whose JSON stays under `maxChars`. */
export function boundedShape(value: unknown, maxChars = OUTLINE_MAX_CHARS): unknown {
  for (let depth = 6; depth > 0; depth--) {
    const shape = jsonShape(value, depth);
    if (JSON.stringify(shape).length <= maxChars) return shape;
  }
  return jsonShape(value, 0);
}

/** The longest valid UTF-8 text in body[start, end): a slice never starts or ends inside a character. */
export function textSlice(
  body: Uint8Array,
  start: number,
  end: number,
): { text: string; start: number; end: number } | null {
  let from = start;
  // Skip UTF-8 continuation bytes (10xxxxxx): at most 3 follow a character's first byte.
  while (from < end && from < start + 3 && ((body[from] ?? 0) & 0xc0) === 0x80) from++;
  for (let to = end; to >= Math.max(from, end - 3); to--) {
    const text = bodyAsText(body.subarray(from, to));
    if (text !== null) return { text, start: from, end: to };
  }
  return null;
}

function isForm(contentType: string | null): boolean {
  return contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') ?? false;
}

/** An outline of a body: JSON shape, form fields, text head and tail, or a hex preview of binary data. */
export function outlineBody(body: Uint8Array, contentType: string | null): Outline {
  const size = body.byteLength;
  const text = bodyAsText(body);
  if (text !== null) {
    const json = parseJson(text);
    if (json.ok)
      return {
        outline: { kind: 'json', shape: boundedShape(json.value) },
        next: { offset: 0, length: size },
      };
    if (isForm(contentType)) {
      const params = [...new URLSearchParams(text)];
      const fields: Record<string, unknown> = {};
      for (const [key, value] of params.slice(0, KEYS_SHOWN)) fields[key] = previewScalar(value);
      const shape = boundedShape(fields);
      return {
        outline: { kind: 'form', field_count: params.length, fields: shape },
        next: { offset: 0, length: size },
      };
    }
    const head = textSlice(body, 0, Math.min(size, TEXT_HEAD_BYTES));
    const tail = textSlice(body, Math.max(head?.end ?? 0, size - TEXT_TAIL_BYTES), size);
    const headEnd = head?.end ?? 0;
    return {
      outline: {
        kind: 'text',
        lines: text.split('\n').length,
        head: head?.text ?? '',
        tail: tail?.text ?? '',
        tail_offset: tail?.start ?? size,
      },
      next: { offset: headEnd, length: size - headEnd },
    };
  }
  return {
    outline: {
      kind: 'binary',
      content_type: contentType,
      hex_preview: Buffer.from(body.subarray(0, HEX_PREVIEW_BYTES)).toString('hex'),
    },
    next: { offset: 0, length: size },
  };
}
