import type { HeaderPair } from '../../shared/types';
import { decodeBody } from './body-decoding';

/** Decoded bytes of one body that search reads by default (the rest is "searched only in part"). */
export const DEFAULT_SEARCH_BYTES = 1024 * 1024;

/** What search reads of one event, each field decoded the way the inspector shows it. */
export interface SearchDocument {
  method: string;
  /** Path and query, percent-decoded. */
  path: string;
  /** `Name: value` lines, in the order received. */
  headers: string;
  /** The body decoded (content-encoding, form values, JSON escapes; lossy UTF-8), at most the limit. */
  body: string;
  /** True when the decoded body was longer than the limit: only its first part is searched. */
  partial: boolean;
}

/** The parts of a stored event search needs (a row or a NewEvent). */
export interface SearchSource {
  method: string;
  path: string;
  query: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

const lossy = new TextDecoder('utf-8', { fatal: false });
const utf8 = new TextEncoder();

/**
 * Percent-decodes leniently: `%XX` becomes the byte, everything else stays, and the bytes are read
 * as UTF-8 with invalid sequences replaced — so `caf%C3%A9` is found as `café` and `100%` never throws.
 */
export function percentDecode(text: string, plusIsSpace: boolean): string {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+'))) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+' && plusIsSpace) {
      bytes.push(0x20);
    } else {
      const code = text.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(code);
      if (ch.length === 2) i++;
      for (const b of utf8.encode(ch)) bytes.push(b);
    }
  }
  return lossy.decode(new Uint8Array(bytes));
}

// A JSON string literal (escapes included); only literals with a backslash need unescaping.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** Replaces JSON string escapes by the characters they stand for (`\u00fc` → `ü`), keeping the structure. */
export function unescapeJsonStrings(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(JSON_STRING, (literal) => {
    if (!literal.includes('\\')) return literal;
    try {
      const value: unknown = JSON.parse(literal);
      return typeof value === 'string' ? `"${value}"` : literal;
    } catch {
      return literal;
    }
  });
}

function headerValue(headers: HeaderPair[], name: string): string {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? '';
}

/** Decodes one event for search: the same text the brute-force check and the index both read. */
export function searchDocument(e: SearchSource, limitBytes = DEFAULT_SEARCH_BYTES): SearchDocument {
  const contentType = headerValue(e.headers, 'content-type').toLowerCase();
  const decoded = decodeBody(e.body, headerValue(e.headers, 'content-encoding'), limitBytes);
  let body = lossy.decode(decoded.bytes);
  if (contentType.includes('x-www-form-urlencoded')) {
    body = percentDecode(body, true);
  } else if (contentType.includes('json') || /^\s*[[{]/.test(body.slice(0, 64))) {
    body = unescapeJsonStrings(body);
  }
  const path = percentDecode(e.path, false) + (e.query ? `?${percentDecode(e.query, true)}` : '');
  return {
    method: e.method,
    path,
    headers: e.headers.map(([n, v]) => `${n}: ${v}`).join('\n'),
    body,
    partial: decoded.partial,
  };
}

/** The whole document as one text (what the index holds and unscoped terms are matched against). */
export function documentText(doc: SearchDocument): string {
  return `${doc.method} ${doc.path}\n${doc.headers}\n\n${doc.body}`;
}
