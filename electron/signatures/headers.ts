/**
 * Header lookups and edits. Names compare case-insensitively (HTTP/1.1 and HTTP/2 disagree on
 * casing); a repeated header yields all of its values, in order.
 */
import type { HeaderPair } from '../../shared/types';

/** Keeps only well-formed [name, value] pairs: headers may come from untrusted stored rows. */
export function cleanHeaders(headers: unknown): HeaderPair[] {
  if (!Array.isArray(headers)) return [];
  // The same array when nothing needs dropping (every capture): look-ups memoized per array then hit.
  return headers.every(isHeaderPair) ? headers : headers.filter(isHeaderPair);
}

function isHeaderPair(pair: unknown): pair is HeaderPair {
  return Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string';
}

// Every capture asks for some forty header names while detecting its provider: comparing lengths
// first skips lower-casing almost every header, and no arrays are built on the receiver's path.
function sameName(key: string, wanted: string): boolean {
  return key.length === wanted.length && key.toLowerCase() === wanted;
}

/** All values of a header (case-insensitive name), trimmed, in order of appearance. */
export function headerValues(headers: HeaderPair[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of headers) if (sameName(key, wanted)) values.push(value.trim());
  return values;
}

/** The first non-empty value of a header, or null. */
export function firstHeader(headers: HeaderPair[], name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of headers) {
    if (!sameName(key, wanted)) continue;
    const trimmed = value.trim();
    if (trimmed.length > 0) return trimmed;
  }
  return null;
}

/** Whether any non-empty value of the header is present. */
export function hasHeader(headers: HeaderPair[], name: string): boolean {
  return firstHeader(headers, name) !== null;
}

/**
 * Sets headers for a re-signed request: a header that exists keeps its position and original name
 * casing (its repeats are dropped, since a stale second signature would confuse receivers); a new
 * one is appended. Every other header is left untouched, in order.
 */
export function upsertHeaders(headers: HeaderPair[], updates: HeaderPair[]): HeaderPair[] {
  let result = headers.map((pair): HeaderPair => [pair[0], pair[1]]);
  for (const [name, value] of updates) {
    const wanted = name.toLowerCase();
    const index = result.findIndex(([key]) => key.toLowerCase() === wanted);
    if (index === -1) {
      result.push([name, value]);
      continue;
    }
    result = result.filter(([key], i) => i <= index || key.toLowerCase() !== wanted);
    const existing = result[index];
    if (existing) result[index] = [existing[0], value];
  }
  return result;
}
