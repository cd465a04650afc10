import type { StoredEvent } from '../../shared/types';
import { toBase64 } from '../core/event-json';
import { bodyAsText } from '../core/event-json';
import { isUnsafeForTerminal } from '../core/terminal-text';
import { quoteBytes, quoteText } from './shell-quote';

/** How to write the curl command. */
export interface CurlExportOptions {
  /** The full URL to send to (path and query included). */
  url: string;
  /** Reference the body as `--data-binary @<file>` (the caller writes the bytes there). */
  bodyFile?: string;
}

/** A curl command and what a reader should know about it (how the body is given, what was left out). */
export interface CurlExport {
  command: string;
  notes: string[];
}

// Longest body written inline as readable text; larger ones go through base64 (see below).
const MAX_INLINE_BODY = 64 * 1024;
// Headers curl adds on its own; an empty `-H 'Name:'` stops it when the original did not send them.
const CURL_DEFAULTS = ['User-Agent', 'Accept'];
// A header value with one of these cannot be one header line: sending it would inject another.
const LINE_BREAK = /[\r\n\0]/;

function inlineText(body: Uint8Array): string | null {
  if (body.byteLength > MAX_INLINE_BODY) return null;
  const text = bodyAsText(body);
  // Control, bidi and invisible characters (CR too) would survive quoting, but a terminal showing
  // the command would obey or hide them: such bodies go as base64.
  if (text === null) return null;
  for (const char of text) if (isUnsafeForTerminal(char)) return null;
  return text;
}

/**
 * The event as a curl command that reproduces the request byte for byte, once: same method,
 * request target (`--path-as-is`, `--globoff` so `[1-50]` or `{a,b}` is not a URL pattern),
 * headers in order with repeats, and exact body. curl always sends Host first, from the URL; its
 * own User-Agent/Accept/Content-Type/Expect are suppressed when the original lacked them.
 * Every argument is single-quoted (nothing is expanded by the shell). Text bodies go inline with
 * `--data-raw` (never read as `@file`); other bodies as base64 through `base64 -d` into
 * `--data-binary @-` — `printf` is a shell builtin, so no size hits the exec argument limit.
 * The CLI's `export --format curl` and the GUI's "Copy as cURL" both use this.
 */
export function eventToCurl(event: StoredEvent, options: CurlExportOptions): CurlExport {
  const notes: string[] = [];
  const has = (name: string) => event.headers.some(([k]) => k.toLowerCase() === name.toLowerCase());
  const body = event.body;
  const hasBody = body.byteLength > 0;
  const parts = ['curl --http1.1 --path-as-is --globoff'];
  const method = event.method.toUpperCase();
  if (method === 'HEAD') parts.push('--head');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody))
    parts.push(`-X ${quoteBytes(event.method)}`);
  parts.push(quoteBytes(options.url));
  for (const [name, value] of event.headers) {
    if (name.toLowerCase() === 'host') continue;
    if (LINE_BREAK.test(name) || LINE_BREAK.test(value)) {
      notes.push(`Header "${name.replace(/[^\x20-\x7e]/g, '?')}" is left out: it holds a line break or NUL.`);
      continue;
    }
    parts.push(`-H ${quoteBytes(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }
  for (const name of CURL_DEFAULTS) if (!has(name)) parts.push(`-H ${quoteText(`${name}:`)}`);
  if (hasBody && !has('content-type')) parts.push(`-H ${quoteText('Content-Type:')}`);
  // curl asks for 100-continue on larger uploads (over 1 KiB in older versions).
  if (body.byteLength > 1024 && !has('expect')) parts.push(`-H ${quoteText('Expect:')}`);
  const join = () => parts.join(' \\\n  ');
  if (!hasBody) return { command: join(), notes };
  if (options.bodyFile) {
    parts.push(`--data-binary ${quoteBytes(`@${options.bodyFile}`)}`);
    notes.push(`The body (${body.byteLength} bytes) is read from ${options.bodyFile}.`);
    return { command: join(), notes };
  }
  const text = inlineText(body);
  if (text !== null) {
    parts.push(`--data-raw ${quoteText(text)}`);
    return { command: join(), notes };
  }
  parts.push('--data-binary @-');
  const base64 = toBase64(body);
  notes.push(
    `The body is binary or large (${body.byteLength} bytes), so it is given as base64 and decoded into curl's stdin; the bytes sent are exact.`,
  );
  return { command: `printf %s ${quoteText(base64)} | base64 -d | ${join()}`, notes };
}
