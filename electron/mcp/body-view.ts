import { z } from 'zod';
import { bodyAsText } from '../core/event-json';
import { jsonInt } from './lean-schema';

/** A byte range of a body, as get_event takes it. */
export const byteRangeSchema = z.object({ offset: jsonInt(), length: jsonInt() });

/** A body decoded for a model: JSON when it parses, else UTF-8 text, else base64 — or an outline. */
export const bodyViewSchema = z.object({
  encoding: z
    .enum(['json', 'text', 'base64', 'empty', 'outline'])
    .describe('outline: too big here; see outline and next'),
  size: jsonInt('Bytes received'),
  json: z.unknown().optional(),
  text: z.string().optional(),
  base64: z.string().optional(),
  truncated: z.boolean().describe('Not all of the body is shown'),
  truncated_at_receive: z.boolean().describe('The receiver cut it (size limit)'),
  outline: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('kind json: keys, types, array lengths; text: head, tail; form: fields; binary: hex'),
  next: byteRangeSchema.optional().describe('Bytes not shown: get_event offset/length'),
});

/** See {@link bodyViewSchema}. */
export type BodyView = z.infer<typeof bodyViewSchema>;

/** The longest prefix of at most `max` bytes that is valid UTF-8 text, or null for binary data. */
function textPrefix(body: Uint8Array, max: number): string | null {
  // A cut may split a multi-byte character: back off up to 3 bytes to the character boundary.
  for (let end = max; end >= Math.max(0, max - 3); end--) {
    const text = bodyAsText(body.subarray(0, end));
    if (text !== null) return text;
  }
  return null;
}

/** Decodes a body for display; `raw` forces base64 of the exact bytes. */
export function bodyView(
  body: Uint8Array,
  maxBytes: number,
  receivedTruncated: boolean,
  raw = false,
): BodyView {
  const base = { size: body.byteLength, truncated_at_receive: receivedTruncated };
  if (body.byteLength === 0) return { ...base, encoding: 'empty', truncated: false };
  const truncated = body.byteLength > maxBytes;
  const bytes = truncated ? body.subarray(0, maxBytes) : body;
  const rest = (shown: number) =>
    shown < body.byteLength ? { next: { offset: shown, length: body.byteLength - shown } } : {};
  if (raw)
    return {
      ...base,
      encoding: 'base64',
      base64: Buffer.from(bytes).toString('base64'),
      truncated,
      ...rest(bytes.byteLength),
    };
  if (!truncated) {
    const text = bodyAsText(body);
    if (text !== null) {
      const json = parseJson(text);
      if (json.ok) return { ...base, encoding: 'json', json: json.value, truncated: false };
      return { ...base, encoding: 'text', text, truncated: false };
    }
  } else {
    const text = textPrefix(body, maxBytes);
    if (text !== null)
      return { ...base, encoding: 'text', text, truncated: true, ...rest(Buffer.byteLength(text)) };
  }
  return {
    ...base,
    encoding: 'base64',
    base64: Buffer.from(bytes).toString('base64'),
    truncated,
    ...rest(bytes.byteLength),
  };
}

/** Parses JSON text; `ok: false` when it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const first = text.trimStart()[0];
  // Only objects, arrays and strings count: a body of `123` or `true` is more useful as text.
  if (first !== '{' && first !== '[' && first !== '"') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
