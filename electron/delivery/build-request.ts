import { z } from 'zod';
import type { EndpointWithSecrets, HeaderPair, StoredEvent } from '../../shared/types';
import { invalidFields, zodFieldIssues } from '../core/errors';
import { upsertHeaders } from '../signatures/headers';
import type { OutgoingRequest } from './http-send';
import { headersForTarget, splitPathQuery, targetUrl } from './outgoing';
import { resignHeaders } from './resign';

/** Changes applied to a stored request before it is sent (see ReplayEdits in index.ts). */
export interface RequestEdits {
  method?: string;
  path?: string;
  headers?: HeaderPair[];
  setHeaders?: HeaderPair[];
  body?: Uint8Array;
}

// RFC 9110 token: what Node (and every server) accepts as a method or header name.
const token = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP token (letters, digits, -)');
// Latin-1 without control characters except tab: what an HTTP/1.1 header value can carry.
const headerValue = z.string().regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'has characters a header cannot carry');
const headerPair = z.tuple([token, headerValue]);
const editsSchema = z.object({
  method: token.optional(),
  path: z
    .string()
    .regex(/^([/?][\x21-\x7e]*)?$/, 'must start with / or ? and contain no spaces or control characters')
    .optional(),
  headers: z.array(headerPair).max(500).optional(),
  setHeaders: z.array(headerPair).max(500).optional(),
  body: z.instanceof(Uint8Array).optional(),
});

/** Validates edits coming from a face (CLI flags, UI API, MCP) with a message naming the bad field. */
export function checkEdits(edits: unknown): RequestEdits {
  const parsed = editsSchema.safeParse(edits ?? {}, { reportInput: true });
  // Fields are named as the UI API's events.replay params name them (`edits.headers.0.0`).
  if (!parsed.success) throw invalidFields('Invalid replay edits', zodFieldIssues(parsed.error, ['edits']));
  return parsed.data;
}

/**
 * Builds the request a replay or forward sends: the stored method, path, headers and exact body
 * bytes with edits applied, hop-by-hop headers dropped, Host and Content-Length set for the target,
 * and — when asked — the signature recomputed over what is actually sent.
 */
export function buildRequest(
  event: StoredEvent,
  endpoint: EndpointWithSecrets | null,
  target: string,
  edits: RequestEdits,
  resign: { now: number } | null,
): OutgoingRequest {
  const method = (edits.method ?? event.method).toUpperCase();
  const where = edits.path === undefined ? event : splitPathQuery(edits.path);
  const url = targetUrl(target, where.path, where.query);
  const body = edits.body ?? event.body;
  let headers = edits.headers ?? event.headers;
  if (edits.setHeaders && edits.setHeaders.length > 0) headers = upsertHeaders(headers, edits.setHeaders);
  headers = headersForTarget(headers, url, body, method);
  if (resign) headers = resignHeaders(event, endpoint, { method, url, headers, body }, resign.now);
  return { method, url, headers, body };
}
