import { type ClientRequest, request } from 'node:http';
import { STREAM_EVENT } from '../../shared/api';
import { type Change, toChange } from '../../shared/changes';
import { SseParser } from './sse-parser';
import type { UiLocation } from './ui-url';

/** Parses an SSE `change` message's data into a Change; null when malformed. */
export function parseChange(data: string): Change | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return toChange(value);
}

/** The stream could not be opened; `status` is the HTTP status when the server answered. */
export class StreamError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'StreamError';
  }
}

/** Callbacks for {@link openChangeStream}. */
export interface ChangeStreamHandlers {
  onChange: (change: Change) => void;
  /** Called on every (re)connect, so callers can refresh what they may have missed. */
  onConnect?: () => void;
  /** Connection errors, for the log (the stream retries by itself). */
  onError?: (error: StreamError) => void;
}

/** A live change stream. */
export interface ChangeStream {
  close(): void;
}

/**
 * Follows `GET /api/stream` (SSE) and reconnects after `retryMs` whenever it drops — the core
 * may restart, or a follower may take over. Node's http instead of EventSource: no dependency,
 * and the token stays in this process.
 */
export function openChangeStream(
  ui: Pick<UiLocation, 'origin' | 'token'>,
  handlers: ChangeStreamHandlers,
  retryMs = 2000,
): ChangeStream {
  let closed = false;
  let current: ClientRequest | null = null;
  let retry: NodeJS.Timeout | null = null;
  let lastId: string | null = null;

  const scheduleRetry = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect();
    }, retryMs);
  };

  function connect() {
    if (closed) return;
    const url = `${ui.origin}/api/stream?token=${encodeURIComponent(ui.token)}`;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastId) headers['last-event-id'] = lastId;
    const req = request(url, { headers }, (res) => {
      if (res.statusCode !== 200) {
        handlers.onError?.(
          new StreamError(`change stream answered ${res.statusCode}`, res.statusCode ?? null),
        );
        res.resume();
        scheduleRetry();
        return;
      }
      handlers.onConnect?.();
      const parser = new SseParser();
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        for (const message of parser.push(text)) {
          if (message.id) lastId = message.id;
          if (message.event !== STREAM_EVENT) continue;
          const change = parseChange(message.data);
          if (change) handlers.onChange(change);
        }
      });
      res.on('error', () => {});
      res.on('close', scheduleRetry);
    });
    req.on('error', (error) => {
      if (!closed) handlers.onError?.(new StreamError(error.message, null));
      scheduleRetry();
    });
    req.end();
    current = req;
  }

  connect();
  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      current?.destroy();
    },
  };
}
