import { type ClientRequest, request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { STREAM_EVENT } from '../../shared/api';
import { type Change, toChange } from '../../shared/changes';
import type { UiLocation } from './ui-url';

// A change message is a few hundred characters; a stream that buffers more without ending a
// message is not our UI server, and must not grow the shell's memory.
const MAX_SSE_BUFFER = 1024 * 1024;

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
 * may restart, or a follower may take over. Node's http and eventsource-parser instead of an
 * EventSource: the token stays in this process, and a reconnect resumes from Last-Event-ID.
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
      const parser = createParser({
        maxBufferSize: MAX_SSE_BUFFER,
        onEvent: (message) => {
          if (message.id) lastId = message.id;
          if (message.event !== STREAM_EVENT) return;
          const change = parseChange(message.data);
          if (change) handlers.onChange(change);
        },
        onError: (error) => {
          // Unknown fields are skipped, as the SSE spec says; an endless message drops the connection.
          if (error.type !== 'max-buffer-size-exceeded') return;
          handlers.onError?.(new StreamError(`change stream: ${error.message}`, null));
          req.destroy();
        },
      });
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        if (!req.destroyed) parser.feed(text);
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
