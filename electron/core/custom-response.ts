import { z } from 'zod';
import type { CustomResponse } from '../../shared/types';
import { InboxError } from './errors';

/**
 * Headers that frame the message on the connection. The receiver computes them; a user's value
 * (a Content-Length that does not match the body, Transfer-Encoding next to it, Connection: upgrade)
 * would hang the sender or desync every later request on a kept-alive connection.
 */
export const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values may not carry CR, LF or NUL (header injection), nor other controls except tab.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

const shapeSchema = z.object({
  status: z.number(),
  headers: z.array(z.tuple([z.string(), z.string()])).max(100),
  body: z.string().max(1024 * 1024),
  delayMs: z.number().int().min(0).max(60_000),
});

function invalid(field: string, message: string): never {
  // The field leads the message (`response.status: …`) so every face can show where the error is.
  throw new InboxError('invalid', `${field}: ${message}`, { field: field.replace(/\[(\d+)\]/g, '.$1') });
}

/** Checks a custom response when it is saved: a final status, no framing headers, valid header names and values. */
export function checkResponse(response: CustomResponse | null): CustomResponse | null {
  if (response === null) return null;
  const parsed = shapeSchema.safeParse(response);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['response', ...(issue?.path ?? []).map(String)].join('.');
    invalid(field, issue?.message ?? 'invalid');
  }
  const r = parsed.data;
  if (!Number.isInteger(r.status) || r.status < 200 || r.status > 599) {
    invalid(
      'response.status',
      `must be a whole number from 200 to 599, got ${r.status} (1xx codes such as 100 and 101 are not final answers: the sender would wait for ever)`,
    );
  }
  r.headers.forEach(([name, value], i) => {
    const field = `response.headers[${i}]`;
    if (!TOKEN.test(name)) invalid(field, `"${name}" is not a valid header name`);
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      invalid(
        field,
        `"${name}" cannot be set: Hookline computes Content-Length and connection headers itself`,
      );
    }
    if (BAD_VALUE.test(value)) {
      invalid(
        field,
        `the value of "${name}" contains a line break, control character or non-Latin-1 character`,
      );
    }
  });
  if ((r.status === 204 || r.status === 304) && r.body !== '') {
    invalid('response.body', `must be empty for status ${r.status} (HTTP sends no body with it)`);
  }
  return r;
}
