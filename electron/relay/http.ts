import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { RelayWireError } from '../../shared/relay-wire';
import type { HeaderPair } from '../../shared/types';
import { InboxError, type InboxErrorCode, zodFieldIssues } from '../core/errors';
import { readBody } from '../receiver/body-reader';
import { sendJson } from '../receiver/respond';

const RETRY: HeaderPair[] = [['retry-after', '5']];

/** Largest API request body: endpoint settings and id lists, never payloads. */
const MAX_API_BODY = 1024 * 1024;

/** An API failure with its HTTP status and stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Omit<RelayWireError['error'], 'code' | 'message'> = {},
  ) {
    super(message);
  }
}

const STATUS_OF: Record<InboxErrorCode, [number, string]> = {
  not_found: [404, 'not_found'],
  invalid: [400, 'bad_request'],
  conflict: [409, 'conflict'],
  unavailable: [503, 'unavailable'],
};

/**
 * The answer to a failure: expected ones carry their code; anything else a store throws means the
 * store cannot answer (a dropped connection, a full disk), which the caller may retry: 503.
 */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InboxError) {
    const [status, code] = STATUS_OF[error.code];
    return new ApiError(status, code, error.message, error.field ? { field: error.field } : {});
  }
  return new ApiError(503, 'unavailable', 'The relay store cannot be reached; retry later');
}

/** Sends a JSON answer: never cached (feed pages and events are per-member data), a 503 says when to retry. */
export function sendApiJson(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, [['cache-control', 'no-store'], ...(status === 503 ? RETRY : [])]);
}

/** Sends an error as `{error: {code, message, …}}`. */
export function sendApiError(res: ServerResponse, error: ApiError): void {
  const body: RelayWireError = { error: { code: error.code, message: error.message, ...error.extra } };
  sendApiJson(res, error.status, body);
}

/** Parses a value with a schema, or fails with 400 naming the field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [issue] = zodFieldIssues(parsed.error);
  const text = issue ? `${issue.field || 'body'} ${issue.message}` : 'invalid input';
  throw new ApiError(
    400,
    'bad_request',
    `Invalid request: ${text}`,
    issue?.field ? { field: issue.field } : {},
  );
}

/** Reads a JSON request body (bounded) and parses it with a schema. */
export async function readJsonBody<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
): Promise<z.output<T>> {
  const body = await readBody(req, MAX_API_BODY);
  if (!body.ok) {
    if (body.reason === 'too_large')
      throw new ApiError(413, 'too_large', `Request body larger than ${MAX_API_BODY} bytes`);
    throw new ApiError(400, 'bad_request', 'The request body could not be read');
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body.body).toString('utf8'));
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body must be JSON');
  }
  return parseWith(schema, value);
}
