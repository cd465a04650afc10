import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { APP_NAME, VERSION } from '../base/version';
import { InboxError } from '../core/errors';
import { INSTANCE_ID } from '../core/instance-id';
import { guardConnections } from './connection-guard';
import { handleHook } from './hook-handler';
import { IngestQueue } from './ingest-queue';
import { type ConnectionLimits, connectionLimitsFromEnv } from './limits';
import type { ReceiverInbox } from './receiver-inbox';
import { sendJson } from './respond';
import { parseHookRoute, pathOf } from './route';

/** Receiver settings; defaults suit webhook senders. */
export interface ReceiverOptions {
  /** Where events go: the desktop's Inbox, or a relay's inbox over its RelayStore. */
  inbox: ReceiverInbox;
  port: number;
  host?: string;
  /** Largest accepted body (default 10 MiB); bigger gets 413. */
  maxBodyBytes?: number;
  /** Time allowed from accept until all headers are in (default 10 s): cuts off idle and slowloris clients. */
  headersTimeoutMs?: number;
  /** Time allowed for the whole request (default 30 s). */
  requestTimeoutMs?: number;
  /** Connection caps and the oversize drain; defaults from {@link connectionLimitsFromEnv}. */
  limits?: Partial<ConnectionLimits>;
  /** Where the HOOKLINE_* limit variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Serves paths other than `/h/…` and `/healthz` (the relay's API); returns false to leave the
   * request to the receiver's 404. The desktop passes none: its receiver port serves nothing else.
   */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A listening receiver. */
export interface Receiver {
  server: Server;
  port: number;
  /**
   * Stops accepting and closes. With `graceMs`, requests in flight (a capture waiting for its
   * commit, a long-poll) get that long to finish before their connections are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** Default body limit: 10 MiB. */
export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/**
 * What /healthz answers: lets another process tell a Hookline leader (and which inbox it serves) from
 * another program. Opaque ids only: this port is public through the tunnel, so no path and no pid.
 */
export function healthBody(inbox: Pick<ReceiverInbox, 'dataDirId'>): {
  app: string;
  version: string;
  dataDirId: string;
  instance: string;
} {
  return { app: APP_NAME, version: VERSION, dataDirId: inbox.dataDirId(), instance: INSTANCE_ID };
}

/** Starts the receiver: `/h/<endpointId>…` captures, `/healthz` answers, nothing else is served. */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const { inbox } = options;
  const queue = new IngestQueue((batch) => inbox.commitEvents(batch));
  const connectionLimits: ConnectionLimits = {
    ...connectionLimitsFromEnv(options.env ?? process.env),
    ...(options.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: options.headersTimeoutMs }),
    ...options.limits,
  };
  const limits = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    drainBytes: connectionLimits.oversizeDrainBytes,
  };
  // Node requires headersTimeout <= requestTimeout: a longer header timeout stretches the request one.
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 30_000, connectionLimits.headersTimeoutMs);
  const server = createServer(
    {
      headersTimeout: connectionLimits.headersTimeoutMs,
      requestTimeout,
      // Check timeouts every second (Node's default is 30 s, far too lax against slowloris).
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 64 * 1024,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const route = parseHookRoute(req.url ?? '/');
      if (route) {
        handleHook(req, res, route, inbox, queue, limits).catch((error: unknown) => {
          // A relay whose store cannot be reached for an endpoint lookup: the sender should retry.
          if (error instanceof InboxError && error.code === 'unavailable') {
            sendJson(res, 503, { ok: false, error: error.message }, [['retry-after', '5']]);
            return;
          }
          inbox.log.error('receiver error', { error });
          sendJson(res, 500, { ok: false, error: 'Internal error' });
        });
        return;
      }
      if (options.routes?.(req, res)) return;
      req.resume();
      const path = pathOf(req.url ?? '/');
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        sendJson(res, 200, healthBody(inbox));
        return;
      }
      sendJson(res, 404, { ok: false, error: 'Not found. Webhooks go to /h/<endpoint-id>' });
    },
  );
  // `Expect: 100-continue`: say 413 before the sender uploads an oversize body, else let it go on.
  // A sender that half-closes after its request (shutdown(SHUT_WR)) still gets its answer once the
  // commit is done; Node's default ends such a socket at once, so a stored event's 2xx was lost.
  // (`httpAllowHalfOpen` is read by Node's http server but missing from its type definitions.)
  Object.assign(server, { httpAllowHalfOpen: true });
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length']);
    if (!(Number.isFinite(declared) && declared > limits.maxBodyBytes)) res.writeContinue();
    server.emit('request', req, res);
  });
  guardConnections(server, connectionLimits);
  server.keepAliveTimeout = 5_000;
  // Node silently drops headers past maxHeadersCount (default 2000 entries); every header must be
  // stored, and the 64 KiB maxHeaderSize above already bounds a flood.
  server.maxHeadersCount = 0;
  // CONNECT asks for a tunnel, never a webhook; without a listener Node drops the socket with no
  // answer at all, so the sender could not tell a refusal from a network failure.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    const text = JSON.stringify({
      ok: false,
      error: 'CONNECT is not supported. Webhooks go to /h/<endpoint-id>',
    });
    socket.on('error', () => socket.destroy());
    // Read and drop whatever else it sends (an unread socket never closes), and cut it off soon.
    socket.resume();
    setTimeout(() => socket.destroy(), 1_000).unref();
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP (bad headers, smuggling shapes, header floods): a clear 4xx, then close.
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const text = JSON.stringify({ ok: false, error: `Bad request (${error.code ?? 'malformed'})` });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        close: (graceMs = 0) =>
          new Promise<void>((done) => {
            queue.flush();
            server.close(() => done());
            if (graceMs <= 0) {
              server.closeAllConnections();
              return;
            }
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), graceMs).unref();
          }),
      });
    });
  });
}
