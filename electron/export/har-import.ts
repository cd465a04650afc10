import { z } from 'zod';
import { InboxError } from '../core/errors';
import { harSchema } from './har-schema';
import { type ImportedRequest, importedRequest } from './imported-request';

/**
 * Reads the requests of a HAR file (from Hookline, a browser or a proxy). Bodies marked
 * `_encoding: "base64"` are decoded; other text is taken as UTF-8. HTTP/2 pseudo-headers
 * (`:authority`, …) are dropped, since they are not headers on an HTTP/1.1 wire.
 */
export function parseHar(json: unknown): ImportedRequest[] {
  const parsed = harSchema.safeParse(json);
  if (!parsed.success)
    throw new InboxError('invalid', `Not a HAR 1.2 file: ${z.prettifyError(parsed.error)}`);
  return parsed.data.log.entries.map((entry) => {
    const { request } = entry;
    const post = request.postData;
    const text = post?.text ?? '';
    const body = post?._encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
    const at = entry.startedDateTime ? Date.parse(entry.startedDateTime) : Number.NaN;
    const hook = entry._hookline;
    return importedRequest({
      method: request.method,
      url: request.url,
      headers: request.headers
        .filter((h) => !h.name.startsWith(':'))
        .map((h): [string, string] => [h.name, h.value]),
      body,
      receivedAt: Number.isFinite(at) ? at : null,
      eventId: hook?.eventId ?? null,
      endpointId: hook?.endpointId ?? null,
      path: hook?.path ?? null,
      query: hook?.query ?? null,
      remoteAddr: hook?.remoteAddr ?? null,
      responseStatus: entry.response?.status ?? null,
    });
  });
}
