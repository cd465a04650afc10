import {
  constants,
  type ZlibOptions,
  brotliDecompressSync,
  gunzipSync,
  inflateRawSync,
  inflateSync,
} from 'node:zlib';

/** A body as search reads it: at most the limit of decoded bytes, and whether more existed. */
export interface DecodedBody {
  bytes: Uint8Array;
  partial: boolean;
}

type Decoder = (input: Uint8Array, maxOutputLength: number, truncatedInput: boolean) => Buffer;

// Flushing instead of finishing lets a decoder read a prefix of the compressed stream without
// failing at its end: how the first part of an over-limit body is decoded.
const zlibOptions = (max: number, prefix: boolean): ZlibOptions => ({
  maxOutputLength: max,
  ...(prefix ? { finishFlush: constants.Z_SYNC_FLUSH } : {}),
});

const DECODERS: Record<string, Decoder> = {
  gzip: (b, max, prefix) => gunzipSync(b, zlibOptions(max, prefix)),
  'x-gzip': (b, max, prefix) => gunzipSync(b, zlibOptions(max, prefix)),
  deflate: (b, max, prefix) => {
    // Servers send both zlib-wrapped and raw deflate under this name.
    try {
      return inflateSync(b, zlibOptions(max, prefix));
    } catch (error) {
      if (error instanceof RangeError) throw error;
      return inflateRawSync(b, zlibOptions(max, prefix));
    }
  },
  br: (b, max, prefix) =>
    brotliDecompressSync(b, {
      maxOutputLength: max,
      ...(prefix ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {}),
    }),
};

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError;
}

/**
 * The first `limit` decoded bytes of a compressed body that decodes to more (a large export or a
 * decompression bomb): bisects on how much of the compressed input to read, so the work stays bounded
 * by the limit, never by what the sender claims.
 */
function decodePrefix(decode: Decoder, input: Uint8Array, limit: number): Uint8Array {
  let lo = 0;
  let hi = input.byteLength;
  let best: Uint8Array = new Uint8Array(0);
  for (let step = 0; step < 24 && lo < hi; step++) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      best = decode(input.subarray(0, mid), limit, true);
      lo = mid;
    } catch {
      // Too much output (or a cut the decoder cannot flush at): read less of the input.
      hi = mid - 1;
    }
  }
  return best.subarray(0, limit);
}

/**
 * Undoes the content-encoding (gzip, deflate, br; a list is undone last first) up to `limit` decoded
 * bytes. A body that does not decode as labelled is searched as sent.
 */
export function decodeBody(body: Uint8Array, contentEncoding: string, limit: number): DecodedBody {
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  let bytes = body;
  let partial = false;
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    if (!decode) return cut(body, limit);
    try {
      bytes = decode(bytes, limit + 1, false);
    } catch (error) {
      if (!isTooLarge(error)) return cut(body, limit);
      bytes = decodePrefix(decode, bytes, limit);
      partial = true;
    }
  }
  const result = cut(bytes, limit);
  return { bytes: result.bytes, partial: partial || result.partial };
}

function cut(bytes: Uint8Array, limit: number): DecodedBody {
  return bytes.byteLength > limit
    ? { bytes: bytes.subarray(0, limit), partial: true }
    : { bytes, partial: false };
}
