import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Inbox } from '../core/inbox';
import { dispatchCall, sendError } from './dispatch';
import { hostAllowed, requestToken, tokenMatches } from './guard';
import { apiHandlers } from './handlers';
import { cannotOpenMessage, openBrowser } from './open-browser';
import { liveUiSession, removeUiSession, writeUiSession } from './session-file';
import { serveStatic } from './static-files';
import { serveChangeStream } from './stream';

// How often a UI that is not advertised checks whether the advertised one is gone.
const SESSION_RETRY_MS = 3_000;

/** A running UI server. */
export interface UiServer {
  /** URL to open, including the per-run token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Options for {@link startUiServer}. */
export interface UiServerOptions {
  port: number;
  open: boolean;
  /** The built renderer; default: `renderer/` next to the bundled CLI. */
  staticRoot?: string;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // Loopback only: the UI holds every payload and secret verdict; it is never exposed to the network.
    server.listen(port, '127.0.0.1');
  });
}

/** Starts the UI server on 127.0.0.1: the renderer's static files, the JSON API and the change stream. */
export async function startUiServer(inbox: Inbox, options: UiServerOptions): Promise<UiServer> {
  const token = randomBytes(24).toString('base64url');
  const root = options.staticRoot ?? fileURLToPath(new URL('./renderer/', import.meta.url));
  const handlers = apiHandlers(inbox);
  const streams = new Set<() => void>();
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req, port)) {
      sendError(res, 'forbidden', 'Forbidden: the Hookline UI answers only to 127.0.0.1 or localhost');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(requestToken(req, url), token)) {
        sendError(res, 'unauthorized', 'Missing or wrong UI token: open the URL `hookline serve` printed');
        return;
      }
      const name = url.pathname.slice('/api/'.length);
      if (name === 'stream' && req.method === 'GET') {
        serveChangeStream(res, inbox, (end) => {
          streams.add(end);
          res.on('close', () => streams.delete(end));
        });
        return;
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendError(res, 'invalid', `Use POST /api/${name} with a JSON body`);
        return;
      }
      await dispatchCall(handlers, inbox.log, name, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 'invalid', 'Only GET is served outside /api/');
      return;
    }
    await serveStatic(root, url.pathname, res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      inbox.log.error('UI server request failed', { error });
      if (!res.headersSent) sendError(res, 'internal', 'The UI server failed to answer; see the core log');
      else res.destroy();
    });
  });
  try {
    port = await listen(server, options.port);
  } catch (error) {
    // A second `serve` (a follower) finds the default port taken: a free port will do for its UI.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    port = await listen(server, 0);
  }
  const base = `http://127.0.0.1:${port}/`;
  const url = `${base}?token=${token}`;
  // A second process on this data directory serves its own UI but leaves the first one advertised.
  let advertised = false;
  const advertise = () => {
    advertised = writeUiSession(inbox.home, { pid: process.pid, url, port, token });
    if (advertised) inbox.facts.writeUiUrl(base);
  };
  advertise();
  // When the first one exits, this one takes over the session so `status`/`open` keep finding a UI.
  const retry = advertised
    ? null
    : setInterval(() => {
        try {
          if (!advertised) advertise();
        } catch {
          // The data directory is briefly unwritable or the store is closing: try again next time.
        }
      }, SESSION_RETRY_MS);
  retry?.unref();
  if (options.open) {
    // A second start on this inbox shows the UI already running rather than one more on another port.
    const shown = advertised ? url : (liveUiSession(inbox.home)?.url ?? url);
    void openBrowser(shown).then((result) => {
      // One log line per entry: the URL follows the sentence on the same line.
      if (!result.ok) inbox.log.warn(cannotOpenMessage(shown, result.reason).replace(/\s*\n\s*/g, ' '));
    });
  }

  return {
    url,
    port,
    close: async () => {
      for (const end of streams) end();
      if (retry) clearInterval(retry);
      removeUiSession(inbox.home, process.pid);
      try {
        if (advertised) inbox.facts.clearUiUrl(base);
      } catch {
        // The store may already be closed on shutdown; the stale URL is harmless.
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
