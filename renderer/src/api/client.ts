import type { ApiErrorBody, ApiMethod, ApiParams, ApiResult } from '../../../shared/api';

const TOKEN_KEY = 'hookline.token';

/** One input field at fault, as the core names it (`label`, `verify.toleranceSeconds`, `response.status`). */
export interface ApiFieldIssue {
  field: string;
  message: string;
}

/** What a failed call says about the input fields at fault (both optional). */
export interface ApiErrorFields {
  field?: string;
  issues?: ApiFieldIssue[];
}

/** A failed UI API call, with the core's error code and message and the fields at fault. */
export class ApiError extends Error {
  readonly field: string | undefined;
  readonly issues: ApiFieldIssue[];

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    fields: ApiErrorFields = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.field = fields.field;
    this.issues = fields.issues ?? [];
  }
}

/**
 * Takes the per-run token from `?token=` into sessionStorage and removes it from the address bar,
 * so it does not end up in history, screenshots or a shared link.
 */
export function initToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function token(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'message' in e && 'code' in e;
}

function isFieldIssue(v: unknown): v is ApiFieldIssue {
  if (typeof v !== 'object' || v === null) return false;
  const { field, message } = v as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}

/** The field names of an error body, kept only where they have the documented shape. */
function errorFields(error: object): ApiErrorFields {
  const { field, issues } = error as Record<string, unknown>;
  return {
    field: typeof field === 'string' ? field : undefined,
    issues: Array.isArray(issues) ? issues.filter(isFieldIssue) : undefined,
  };
}

/** Calls one UI API method; throws {@link ApiError} with the core's message on failure. */
export async function call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` },
      body: JSON.stringify(params),
    });
  } catch {
    throw new ApiError('offline', 'Cannot reach the Hookline core. Is `hookline serve` still running?', 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(body))
      throw new ApiError(body.error.code, body.error.message, res.status, errorFields(body.error));
    throw new ApiError('internal', `${method} failed with HTTP ${res.status}`, res.status);
  }
  return body as ApiResult<M>;
}

/** The change-stream URL (EventSource cannot send headers, so the token rides in the query). */
export function streamUrl(): string {
  return `/api/stream?token=${encodeURIComponent(token())}`;
}

/** A message for people from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
