import type { ServerResponse } from 'node:http';
import { STREAM_EVENT } from '../../shared/api';
import type { Inbox } from '../core/inbox';

// Proxies and idle sockets drop silent connections; a comment line every 15 s keeps the stream open.
const PING_MS = 15_000;

/** Serves the change feed as Server-Sent Events until the client goes away. */
export function serveChangeStream(
  res: ServerResponse,
  inbox: Pick<Inbox, 'subscribe' | 'changePosition'>,
  onClose: (end: () => void) => void,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  // Tell EventSource to reconnect quickly if the core restarts.
  res.write(`retry: 1000\n: connected at change ${inbox.changePosition}\n\n`);
  const unsubscribe = inbox.subscribe((change) => {
    res.write(`event: ${STREAM_EVENT}\ndata: ${JSON.stringify(change)}\n\n`);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  ping.unref();
  const end = () => {
    clearInterval(ping);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  res.on('close', end);
  onClose(end);
}
