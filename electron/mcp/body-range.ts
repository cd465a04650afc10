import { z } from 'zod';
import { InboxError } from '../core/errors';
import { textSlice } from './body-outline';
import { byteRangeSchema } from './body-view';
import { jsonChars } from './budget';
import { jsonInt } from './lean-schema';

/** One byte range of a body, as text when those bytes are UTF-8, else base64. */
export const bodyRangeSchema = z.object({
  offset: jsonInt('First byte given (moved up to 3 bytes forward to a character start)'),
  length: jsonInt('Bytes given'),
  size: jsonInt('Size of the whole body'),
  encoding: z.enum(['text', 'base64']),
  text: z.string().optional(),
  base64: z.string().optional(),
  next: byteRangeSchema
    .nullable()
    .describe('What of the asked range is left (budget): pass it back; null when none'),
});

/** See {@link bodyRangeSchema}. */
export type BodyRange = z.infer<typeof bodyRangeSchema>;

function build(body: Uint8Array, offset: number, end: number, wantEnd: number): BodyRange {
  const size = body.byteLength;
  const text = textSlice(body, offset, end);
  const rest = (to: number) => (to < wantEnd ? { offset: to, length: wantEnd - to } : null);
  if (text !== null && (text.end > text.start || end === offset)) {
    return {
      offset: text.start,
      length: text.end - text.start,
      size,
      encoding: 'text',
      text: text.text,
      next: rest(text.end),
    };
  }
  const bytes = body.subarray(offset, end);
  return {
    offset,
    length: bytes.byteLength,
    size,
    encoding: 'base64',
    base64: Buffer.from(bytes).toString('base64'),
    next: rest(end),
  };
}

/**
 * Reads body[offset, offset + length) within `room` characters: as much of the range as fits, and
 * `next` for the rest. Any byte of any body is reachable this way, however large the body.
 */
export function readRange(
  body: Uint8Array,
  offset: number,
  length: number | undefined,
  room: number,
): BodyRange {
  const size = body.byteLength;
  if (offset > size) {
    throw new InboxError(
      'invalid',
      `offset ${offset} is past the end of the body (${size} bytes): use an offset below ${size}`,
    );
  }
  const wantEnd = Math.min(size, offset + (length ?? size - offset));
  // Base64 takes 4 characters per 3 bytes and escaping can grow text: start there and shrink until it fits.
  let take = Math.min(wantEnd - offset, Math.floor((room * 3) / 4));
  for (;;) {
    const range = build(body, offset, offset + take, wantEnd);
    const chars = jsonChars(range);
    if (chars <= room || take === 0) return range;
    take = Math.max(0, Math.floor((take * room) / chars) - 16);
  }
}
