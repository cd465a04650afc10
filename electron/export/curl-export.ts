import type { StoredEvent } from '../../shared/types';
import { toBase64 } from '../core/event-json';
import { bodyAsText } from '../core/event-json';
import { quoteBytes, quoteText } from './shell-quote';

/** How to write the curl command. */
export interface CurlExportOptions {
  /** The full URL to send to (path and query included). */
  url: string;
  /** Reference the body as `--data-binary @<file>` (the caller writes the bytes there). */
  bodyFile?: string;
}

/** A curl command and, when the body needed special handling, a note saying how. */
export interface CurlExport {
  command: string;
  note: string | null;
}

// Longest body written inline; Linux caps one argument at 128 KiB.
const MAX_INLINE_BODY = 64 * 1024;
// Headers curl adds on its own; an empty `-H 'Name:'` stops it when the original did not send them.
const CURL_DEFAULTS = ['User-Agent', 'Accept'];

function inlineText(body: Uint8Array): string | null {
  if (body.byteLength > MAX_INLINE_BODY) return null;
  const text = bodyAsText(body);
  // Control characters other than tab/CR/LF would survive quoting but make the command unreadable.
  if (text === null) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return null;
  }
  return text;
}

/**
 * The event as a curl command that reproduces the request byte for byte: same method, request
 * target (`--path-as-is`), headers in order with repeats, and exact body. curl always sends Host
 * first, from the URL; its own User-Agent/Accept/Content-Type/Expect are suppressed when the
 * original lacked them. Binary bodies go through `base64 -d` (or a file), since a shell argument
 * cannot carry every byte.
 */
export function eventToCurl(event: StoredEvent, options: CurlExportOptions): CurlExport {
  const has = (name: string) => event.headers.some(([k]) => k.toLowerCase() === name.toLowerCase());
  const body = event.body;
  const hasBody = body.byteLength > 0;
  const parts = ['curl --http1.1 --path-as-is'];
  const method = event.method.toUpperCase();
  if (method === 'HEAD') parts.push('--head');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody))
    parts.push(`-X ${quoteText(event.method)}`);
  parts.push(quoteBytes(options.url));
  for (const [name, value] of event.headers) {
    if (name.toLowerCase() === 'host') continue;
    parts.push(`-H ${quoteBytes(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }
  for (const name of CURL_DEFAULTS) if (!has(name)) parts.push(`-H ${quoteText(`${name}:`)}`);
  if (hasBody && !has('content-type')) parts.push(`-H ${quoteText('Content-Type:')}`);
  // curl asks for 100-continue on larger uploads (over 1 KiB in older versions).
  if (body.byteLength > 1024 && !has('expect')) parts.push(`-H ${quoteText('Expect:')}`);
  if (!hasBody) return { command: parts.join(' \\\n  '), note: null };
  if (options.bodyFile) {
    parts.push(`--data-binary ${quoteText(`@${options.bodyFile}`)}`);
    return {
      command: parts.join(' \\\n  '),
      note: `The body (${body.byteLength} bytes) is read from ${options.bodyFile}.`,
    };
  }
  const text = inlineText(body);
  if (text !== null) {
    parts.push(`--data-binary ${quoteText(text)}`);
    return { command: parts.join(' \\\n  '), note: null };
  }
  parts.push('--data-binary @-');
  const base64 = toBase64(body);
  return {
    command: `printf %s ${quoteText(base64)} | base64 -d | ${parts.join(' \\\n  ')}`,
    note: `The body is binary or large (${body.byteLength} bytes), so it is given as base64 and decoded into curl's stdin; the bytes sent are exact.`,
  };
}
