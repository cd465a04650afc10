import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { type ApiErrorBody, type ApiMethod, apiParams } from '../../shared/api';
import { type Logger, errorText } from '../base/logger';
import { InboxError, type InboxErrorFields, invalidFields, zodFieldIssues } from '../core/errors';
import { type ApiHandlers, unknownMethod } from './handlers';

// Edit-and-replay bodies arrive base64-encoded; 24 MB of JSON covers the 16 MB body cap in the schema.
const MAX_REQUEST_BYTES = 24 * 1024 * 1024;

const STATUS: Record<ApiErrorBody['error']['code'], number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** Writes a JSON response with the headers every API answer carries (and no CORS ones, on purpose). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Writes an error answer, with the fields at fault when known. */
export function sendError(
  res: ServerResponse,
  code: ApiErrorBody['error']['code'],
  message: string,
  fields: InboxErrorFields = {},
): void {
  const error: ApiErrorBody['error'] = { code, message };
  if (fields.field !== undefined) error.field = fields.field;
  if (fields.issues !== undefined) error.issues = fields.issues;
  sendJson(res, STATUS[code], { error } satisfies ApiErrorBody);
}

// endpoints.update names its patch's fields as endpoints.create does (see ApiErrorBody), so the
// core's checks and the params' checks agree on `label` and one endpoint form reads both.
const FIELD_ROOT: Partial<Record<ApiMethod, string>> = { 'endpoints.update': 'patch' };

function paramsError(name: ApiMethod, error: z.ZodError): InboxError {
  const root = FIELD_ROOT[name];
  const issues = zodFieldIssues(error).map((issue) =>
    root !== undefined && issue.field.startsWith(`${root}.`)
      ? { ...issue, field: issue.field.slice(root.length + 1) }
      : issue,
  );
  return invalidFields(`Invalid params for ${name}`, issues);
}

function isMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiParams, name);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_REQUEST_BYTES) throw new InboxError('invalid', 'Request body too large (24 MB at most)');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function invoke(handlers: ApiHandlers, name: ApiMethod, input: unknown): Promise<unknown> {
  const parsed = apiParams[name].safeParse(input, { reportInput: true });
  if (!parsed.success) throw paramsError(name, parsed.error);
  // The map from method to handler is typed by ApiHandlers; TypeScript cannot correlate the union here.
  const handler = handlers[name] as (p: unknown) => unknown;
  return await handler(parsed.data);
}

/** Runs one `POST /api/<method>` call: parse, validate, call, answer. */
export async function dispatchCall(
  handlers: ApiHandlers,
  log: Logger,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (!isMethod(name)) throw unknownMethod(name);
    const text = await readBody(req);
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        throw new InboxError('invalid', `The body of ${name} is not valid JSON`);
      }
    }
    sendJson(res, 200, await invoke(handlers, name, input));
  } catch (error) {
    if (error instanceof InboxError) {
      sendError(res, error.code, error.message, error);
      return;
    }
    log.error(`UI API ${name} failed`, { error });
    sendError(res, 'internal', `${name} failed unexpectedly: ${errorText(error)}`);
  }
}
