import { request } from 'node:http';
import { type ApiMethod, type ApiParams, type ApiResult, isApiErrorBody } from '../../shared/api';
import type { UiLocation } from './ui-url';

/** A failed UI API call: the core's code and message, or a network error / timeout (status null). */
export class UiApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'UiApiError';
  }
}

/**
 * Calls `POST /api/<method>` with the run token, typed from the one UI contract (`shared/api.ts`)
 * as the renderer's `call<M>` is. Plain node:http keeps the main process free of fetch polyfills.
 */
export function callUiApi<M extends ApiMethod>(
  ui: Pick<UiLocation, 'origin' | 'token'>,
  method: M,
  params: ApiParams<M>,
  timeoutMs = 5000,
): Promise<ApiResult<M>> {
  const body = JSON.stringify(params);
  return new Promise((resolve, reject) => {
    const req = request(
      `${ui.origin}/api/${method}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ui.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch {
            reject(
              new UiApiError(`${method} answered ${status} without JSON: ${text.slice(0, 200)}`, status),
            );
            return;
          }
          if (status >= 200 && status < 300) resolve(value as ApiResult<M>);
          else if (isApiErrorBody(value))
            reject(new UiApiError(value.error.message, status, value.error.code));
          else reject(new UiApiError(`${method} answered ${status}`, status));
        });
      },
    );
    req.on('timeout', () => req.destroy(new UiApiError(`${method} timed out after ${timeoutMs} ms`, null)));
    req.on('error', (error) =>
      reject(
        error instanceof UiApiError ? error : new UiApiError(`${method} failed: ${error.message}`, null),
      ),
    );
    req.end(body);
  });
}

/** `status.get` → the number of pending (unacked) events. */
export async function fetchPendingTotal(ui: Pick<UiLocation, 'origin' | 'token'>): Promise<number> {
  return (await callUiApi(ui, 'status.get', {})).pendingTotal;
}

/** `endpoints.list` → endpoint id → label, for notification text. */
export async function fetchEndpointLabels(
  ui: Pick<UiLocation, 'origin' | 'token'>,
): Promise<Map<string, string>> {
  const { endpoints } = await callUiApi(ui, 'endpoints.list', {});
  return new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.label]));
}
