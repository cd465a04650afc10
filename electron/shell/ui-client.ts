import { request } from 'node:http';
import type { ApiMethod } from '../../shared/api';
import type { UiLocation } from './ui-url';

/** A failed UI API call (network error, timeout or non-2xx answer). */
export class UiApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'UiApiError';
  }
}

/**
 * Calls `POST /api/<method>` with the run token and returns the parsed JSON (`unknown`: the
 * caller checks the shape). Plain node:http keeps the main process free of fetch polyfills.
 */
export function callUiApi(
  ui: Pick<UiLocation, 'origin' | 'token'>,
  method: ApiMethod,
  params: unknown = {},
  timeoutMs = 5000,
): Promise<unknown> {
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
          if (status < 200 || status >= 300) {
            reject(new UiApiError(`${method} answered ${status}: ${text.slice(0, 200)}`, status));
            return;
          }
          try {
            resolve(JSON.parse(text) as unknown);
          } catch {
            reject(new UiApiError(`${method} answered with invalid JSON`, status));
          }
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

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** `status.get` → the number of pending (unacked) events, or null when the answer lacks it. */
export async function fetchPendingTotal(ui: Pick<UiLocation, 'origin' | 'token'>): Promise<number | null> {
  const pending = field(await callUiApi(ui, 'status.get'), 'pendingTotal');
  return typeof pending === 'number' && Number.isFinite(pending) ? pending : null;
}

/** `endpoints.list` → endpoint id → label, for notification text. */
export async function fetchEndpointLabels(
  ui: Pick<UiLocation, 'origin' | 'token'>,
): Promise<Map<string, string>> {
  const endpoints = field(await callUiApi(ui, 'endpoints.list'), 'endpoints');
  const labels = new Map<string, string>();
  if (!Array.isArray(endpoints)) return labels;
  for (const endpoint of endpoints) {
    const id = field(endpoint, 'id');
    const label = field(endpoint, 'label');
    if (typeof id === 'string' && typeof label === 'string') labels.set(id, label);
  }
  return labels;
}
