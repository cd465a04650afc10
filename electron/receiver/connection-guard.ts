import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from './limits';

interface Tracked {
  peer: string;
  /** No request has started on it yet: the first to go when a cap is reached. */
  idle: boolean;
  timer: NodeJS.Timeout;
}

function refuse(socket: Socket, message: string): void {
  const text = JSON.stringify({ ok: false, error: message });
  socket.on('error', () => socket.destroy());
  // Read and drop what it sends so the close is not a reset that hides the answer; cut it off soon.
  socket.resume();
  setTimeout(() => socket.destroy(), 1_000).unref();
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 5\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}

/**
 * Bounds connections from the moment they are accepted. Node's header timeout only starts with the
 * first byte of a request, so a socket that sends nothing stays open for ever; hundreds of them
 * exhaust file descriptors and real senders fail. Here a connection that sends nothing within the
 * header timeout is closed, and at a cap (total or per address) the oldest idle connection is closed to make
 * room; when none is idle the newcomer gets a clear 503.
 */
export function guardConnections(server: Server, limits: ConnectionLimits): { size: () => number } {
  const open = new Map<Socket, Tracked>();
  const perPeer = new Map<string, number>();

  const oldestIdle = (peer: string | null): Socket | null => {
    // Only silent ones: a connection sending its headers right now is a sender, not a squatter.
    for (const [socket, t] of open) {
      if (t.idle && socket.bytesRead === 0 && (peer === null || t.peer === peer)) return socket;
    }
    return null;
  };
  const forget = (socket: Socket) => {
    const t = open.get(socket);
    if (!t) return;
    clearTimeout(t.timer);
    open.delete(socket);
    const n = (perPeer.get(t.peer) ?? 1) - 1;
    if (n <= 0) perPeer.delete(t.peer);
    else perPeer.set(t.peer, n);
  };
  const evict = (socket: Socket) => {
    forget(socket);
    socket.destroy();
  };

  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? 'unknown';
    if ((perPeer.get(peer) ?? 0) >= limits.maxConnectionsPerPeer) {
      const victim = oldestIdle(peer);
      if (!victim) {
        refuse(
          socket,
          `Too many connections from your address (limit ${limits.maxConnectionsPerPeer}); retry later`,
        );
        return;
      }
      evict(victim);
    }
    if (open.size >= limits.maxConnections) {
      const victim = oldestIdle(null);
      if (!victim) {
        refuse(
          socket,
          `Hookline has too many open connections (limit ${limits.maxConnections}); retry later`,
        );
        return;
      }
      evict(victim);
    }
    const timer = setTimeout(() => {
      if (!open.get(socket)?.idle) return;
      if (socket.bytesRead > 0) {
        // A request has begun: Node's header timeout (counted from its first byte) answers it 408.
        // Should that not close it either, cut it off after one more period.
        setTimeout(() => {
          if (open.get(socket)?.idle) evict(socket);
        }, limits.headersTimeoutMs).unref();
        return;
      }
      // Silent since accept: it asked nothing, so it gets no answer — only closed. (A tunnel client's
      // pooled idle connection then simply opens a fresh one; an unsolicited 408 could be taken as
      // the answer to the next request routed through it.)
      evict(socket);
    }, limits.headersTimeoutMs);
    timer.unref();
    open.set(socket, { peer, idle: true, timer });
    perPeer.set(peer, (perPeer.get(peer) ?? 0) + 1);
    socket.once('close', () => forget(socket));
  });

  // Also for `Expect: 100-continue` requests: the receiver's checkContinue handler emits 'request'.
  server.on('request', (req: IncomingMessage) => {
    const t = open.get(req.socket);
    if (!t) return;
    // From here Node's own header/request/keep-alive timeouts govern the connection.
    t.idle = false;
    clearTimeout(t.timer);
  });
  return { size: () => open.size };
}
