/** fast-check generators for raw HTTP requests: the shapes webhook senders (and attackers) produce. */
import { METHODS } from 'node:http';
import fc from 'fast-check';
import type { HeaderPair } from '../../shared/types';

// RFC 9110 token characters: what a header name or a method may contain.
const TCHAR = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
// Path characters llhttp accepts unescaped (RFC pchar plus the ones real clients send anyway).
const PATH_CHARS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@/|{}`^"<>\\[]';

// Headers that change framing or the connection: the generator sets those itself.
const FRAMING = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade']);

/** Every method Node parses, except CONNECT (a tunnel request, never a webhook; see the hostile tests). */
export const method = fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT'));

const pctByte = fc
  .integer({ min: 0, max: 255 })
  .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`);
const pathChunk = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PATH_CHARS) },
  { weight: 1, arbitrary: pctByte },
);

/** What follows `/h/<id>`: empty, or `/` and any mix of path characters and percent-escapes (`..` included). */
export const hookPath = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.oneof(pathChunk, fc.constantFrom('/../', '/./', '//', '..')), { maxLength: 40 })
    .map((parts) => `/${parts.join('')}`),
);

/** A raw query string (without `?`), possibly containing `?`, `/` and escapes. */
export const hookQuery = fc
  .array(fc.oneof(pathChunk, fc.constantFrom('?', '=', '&')), { maxLength: 40 })
  .map((p) => p.join(''));

const headerName = fc
  .string({ unit: fc.constantFrom(...TCHAR), minLength: 1, maxLength: 30 })
  .filter((n) => !FRAMING.has(n.toLowerCase()));

// Visible ASCII, spaces and tabs inside, and obs-text (0x80–0xFF, which Node keeps as latin1); no controls.
const valueChar = fc
  .oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    { weight: 1, arbitrary: fc.constant(0x09) },
  )
  .map((c) => String.fromCharCode(c));
// Node trims optional whitespace around values; a sender's value is what is between.
const trimOws = (v: string) => v.replace(/^[ \t]+|[ \t]+$/g, '');
const headerValue = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: valueChar, maxLength: 100 }).map(trimOws) },
  // Huge values, still under the receiver's 64 KiB header limit.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1_000, max: 40_000 }),
        fc.string({ unit: valueChar, minLength: 1, maxLength: 8 }),
      )
      .map(([n, s]) => trimOws(s.repeat(Math.ceil(n / s.length)).slice(0, n))),
  },
);

/** Randomly re-cases a name: header names are case-insensitive, and senders do all sorts. */
function recase(name: string, seed: number): string {
  let s = seed;
  return [...name]
    .map((c) => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s & 1 ? c.toUpperCase() : c.toLowerCase();
    })
    .join('');
}

/** Header lists with repeated names in odd casing, in any order (at most one huge value). */
export const headerList: fc.Arbitrary<HeaderPair[]> = fc
  .array(fc.tuple(headerName, headerValue, fc.boolean(), fc.nat(), fc.nat()), { maxLength: 40 })
  .map((rows) => {
    const out: HeaderPair[] = [];
    let huge = false;
    for (const [name, value, repeat, which, seed] of rows) {
      const prior = out[which % Math.max(1, out.length)];
      const chosen = repeat && prior ? recase(prior[0], seed) : name;
      // One huge value per request keeps the head under the 64 KiB limit; others are cut short.
      const keep = value.length > 1_000 ? (huge ? value.slice(0, 100) : value) : value;
      if (value.length > 1_000) huge = true;
      out.push([chosen, trimOws(keep)]);
    }
    return out;
  });

/** Deterministic pseudo-random bytes (xorshift), so a shrunk counterexample replays the same body. */
export function noise(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Bodies: empty, small binary, invalid UTF-8, JSON-ish text, or large (up to 2 MiB). */
export const body: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  { weight: 5, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from([0xc3]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('{"a":"\u0000\u2028\ud83d"}', 'utf8'),
      Buffer.from('\r\n\r\nPOST /h/x HTTP/1.1\r\n\r\n'),
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 500 }).map((s) => Buffer.from(s, 'utf8')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 64 * 1024, max: 2 * 1024 * 1024 }), fc.integer())
      .map(([n, seed]) => noise(n, seed)),
  },
);

/** How the body is framed on the wire: a Content-Length, or chunks (sizes and extensions arbitrary). */
export const framing = fc.oneof(
  fc.constant({ kind: 'length' as const }),
  fc.record({
    kind: fc.constant('chunked' as const),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    ext: fc.boolean(),
  }),
);

/** Encodes a body as chunked transfer coding, cut at the given points. */
export function chunked(payload: Buffer, cuts: number[], ext: boolean): Buffer {
  const points = [...new Set(cuts.map((c) => (payload.length === 0 ? 0 : c % payload.length)))].sort(
    (a, b) => a - b,
  );
  const parts: Buffer[] = [];
  let from = 0;
  for (const to of [...points, payload.length]) {
    if (to <= from) continue;
    const piece = payload.subarray(from, to);
    parts.push(
      Buffer.from(`${piece.length.toString(16)}${ext ? ';ext="v"' : ''}\r\n`),
      piece,
      Buffer.from('\r\n'),
    );
    from = to;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
