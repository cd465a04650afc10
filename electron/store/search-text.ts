import type { HeaderPair } from '../../shared/types';

// Index at most this much body text per event: enough to find ids and names, bounded for huge payloads.
const MAX_INDEXED_BODY = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text an event is found by: path, query, header values and (when it is UTF-8) the body. */
export function searchableText(path: string, query: string, headers: HeaderPair[], body: Uint8Array): string {
  const parts = [path, decodeQuery(query)];
  for (const [, value] of headers) parts.push(value);
  try {
    parts.push(utf8.decode(body.subarray(0, MAX_INDEXED_BODY)));
  } catch {
    // Binary (or cut mid-character): not searchable as text; the event is still found by path/headers.
  }
  return parts.join('\n');
}

function decodeQuery(query: string): string {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query;
  }
}

/**
 * Turns what a user typed into a safe FTS5 query: every word must match, the last one as a prefix,
 * so search-as-you-type works and FTS syntax characters in input cannot cause errors.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}
