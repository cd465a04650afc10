import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HeaderPair } from '../../shared/types';
import { errorText } from '../base/logger';

/** Response bodies are kept up to this size (the rest is dropped and `truncated` is set). */
export const MAX_RESPONSE_BYTES = 256 * 1024;
/** An attempt that has not completed by then is cut off. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Exactly what goes on the wire: header order, repeats and body bytes are kept. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

/** A response as recorded. */
export interface RecordedResponse {
  status: number;
  headers: HeaderPair[];
  body: Uint8Array;
  truncated: boolean;
}

/** How one send ended: a response (any status, 3xx included: redirects are not followed) or an error. */
export type SendResult =
  | { ok: true; response: RecordedResponse; durationMs: number }
  | { ok: false; error: string; timedOut: boolean; durationMs: number };

/** Limits for one send. */
export interface SendLimits {
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Aborting ends the send at once with an "interrupted" error (the leader is stopping). */
  signal?: AbortSignal;
}

function responseHeaders(res: IncomingMessage): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    pairs.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
  return pairs;
}

/** The request target exactly as written in the URL (new URL() would normalize `..` and escapes). */
function rawPath(url: string): string {
  const afterScheme = url.indexOf('//') + 2;
  const start = url.slice(afterScheme).search(/[/?]/);
  if (start === -1) return '/';
  const path = url.slice(afterScheme + start).replace(/#.*$/, '');
  return path.startsWith('/') ? path : `/${path}`;
}

function describe(error: unknown, url: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const host = new URL(url).host;
  if (code === 'ECONNREFUSED') return `Connection refused by ${host}: is your app listening there?`;
  if (code === 'ENOTFOUND') return `Host ${new URL(url).hostname} not found (DNS)`;
  if (code === 'ECONNRESET') return `Connection to ${host} was reset before a complete response`;
  return `Request to ${host} failed: ${errorText(error)}`;
}

/**
 * Sends one request with node:http(s) — not fetch — because webhook replays need the exact header
 * order, repeated headers and raw bytes. The header array goes to Node as is, so Node adds nothing
 * but a Connection header. Never throws: failures are results.
 */
export function sendRequest(req: OutgoingRequest, limits: SendLimits = {}): Promise<SendResult> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = limits.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const url = new URL(req.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const flat = req.headers.flat();
    let outgoing: ReturnType<typeof httpRequest>;
    try {
      // agent:false: one fresh connection per attempt, so a target that keeps sockets around cannot
      // make a later attempt inherit a half-dead connection.
      outgoing = send({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: rawPath(req.url),
        method: req.method,
        headers: flat,
        agent: false,
      });
    } catch (error) {
      // Node rejects invalid header names/values synchronously.
      resolve({ ok: false, error: describe(error, req.url), timedOut: false, durationMs: elapsed() });
      return;
    }
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({
        ok: false,
        error: `Timed out after ${timeoutMs} ms waiting for ${url.host} to answer`,
        timedOut: true,
        durationMs: elapsed(),
      });
    }, timeoutMs);
    const onAbort = () => {
      outgoing.destroy();
      finish({
        ok: false,
        error: 'Interrupted: Hookline stopped before the target answered',
        timedOut: false,
        durationMs: elapsed(),
      });
    };
    if (limits.signal?.aborted) onAbort();
    limits.signal?.addEventListener('abort', onAbort);
    outgoing.on('error', (error) =>
      finish({ ok: false, error: describe(error, req.url), timedOut: false, durationMs: elapsed() }),
    );
    outgoing.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () =>
        finish({
          ok: true,
          response: {
            status: res.statusCode ?? 0,
            headers: responseHeaders(res),
            body: Buffer.concat(chunks),
            truncated,
          },
          durationMs: elapsed(),
        });
      res.on('data', (chunk: Buffer) => {
        const room = cap - size;
        if (chunk.length > room) {
          // Keep what fits and stop reading: a huge or endless response must not fill memory.
          chunks.push(chunk.subarray(0, room));
          size = cap;
          truncated = true;
          done();
          res.destroy();
          outgoing.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      res.on('error', (error) =>
        finish({ ok: false, error: describe(error, req.url), timedOut: false, durationMs: elapsed() }),
      );
    });
    outgoing.end(req.body.byteLength > 0 ? req.body : undefined);
  });
}
