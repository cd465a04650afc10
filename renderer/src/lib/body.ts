import type { HeaderPair } from '../../../shared/types';

/** Decodes base64 into bytes. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes bytes as base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The first value of a header, case-insensitively. */
export function headerValue(headers: HeaderPair[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or null for binary. */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/** Most decoded bytes shown: a 10 MiB gzip bomb inflates to gigabytes and would take the window down. */
export const DECODE_LIMIT = 16 * 1024 * 1024;

/** Undoes Content-Encoding gzip/deflate for display (the stored bytes stay as received); null past DECODE_LIMIT. */
export async function decodeContent(
  bytes: Uint8Array,
  encoding: string | null,
  limit = DECODE_LIMIT,
): Promise<Uint8Array | null> {
  const format = encoding?.trim().toLowerCase();
  if (format !== 'gzip' && format !== 'x-gzip' && format !== 'deflate') return null;
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream(format === 'deflate' ? 'deflate' : 'gzip'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop inflating at once: the raw bytes are still shown, the bomb is never expanded.
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parsed JSON, or undefined when the text is not JSON. */
export function tryJson(text: string | null): unknown {
  if (text === null || !/^\s*[[{"\d\-tfn]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Form fields of an `application/x-www-form-urlencoded` body. */
export function formFields(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text).entries()];
}

const HEX_LIMIT = 64 * 1024;

/** A hex dump (offset, 16 bytes, ASCII), the first 64 KB. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, HEX_LIMIT);
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n));
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > n)
    lines.push(`… ${(bytes.length - n).toLocaleString('en-US')} more bytes (the first 64 KB are shown)`);
  return lines.join('\n');
}

/** Headers as editable text, one `Name: value` per line. */
export function headersToText(headers: HeaderPair[]): string {
  return headers.map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** Parses `Name: value` lines back into pairs (blank lines skipped). */
export function textToHeaders(text: string): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}
