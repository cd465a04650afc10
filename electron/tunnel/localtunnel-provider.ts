import { setTimeout as sleep } from 'node:timers/promises';
import Tunnel from 'localtunnel/lib/Tunnel.js';
import { type Registration, register } from './localtunnel-register';
import {
  type DownListener,
  type TunnelEndpoint,
  type TunnelProvider,
  type TunnelStartOptions,
  reasonOf,
} from './provider';

// A localtunnel server keeps a departed client's name for 1 s after its last socket closes, and
// hands out a random name meanwhile; asking again a little later usually gets ours back.
const NAME_RELEASE_MS = 1_500;
const NAME_RETRIES = 2;

/** localtunnel's client, fed a registration we made ourselves (its own `_init` retries forever). */
class PreRegisteredTunnel extends Tunnel {
  constructor(
    opts: { host: string; port: number },
    private readonly registration: Registration,
  ) {
    super(opts);
  }

  override _init(cb: (err: Error | null, info?: Record<string, unknown>) => void): void {
    const r = this.registration;
    const body: Record<string, unknown> = {
      id: r.id,
      port: r.port,
      url: r.url,
      max_conn_count: r.maxConnCount,
    };
    if (r.ip) body.ip = r.ip;
    cb(null, this._getInfo(body));
  }
}

/**
 * Runs one step with its own deadline, also ending when `parent` aborts. Not AbortSignal.any +
 * AbortSignal.timeout: on Node 20 the composite holds the timeout signal weakly, and once garbage
 * collected it never fires (seen here: a 1.5 s deadline fired only with the 7.5 s safety net).
 */
async function withDeadline<T>(
  parent: AbortSignal,
  ms: number,
  run: (s: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', onAbort);
  }
}

/** Where to dial the probe for a granted URL (see TunnelEndpoint.connect). */
function connectFor(granted: string, host: string): TunnelEndpoint['connect'] {
  if (!new URL(granted).hostname.endsWith('.localhost')) return null;
  const server = new URL(host);
  const port = Number(server.port) || (server.protocol === 'https:' ? 443 : 80);
  return { host: server.hostname, port };
}

/** Tunnels through a localtunnel server (`https://localtunnel.me` or `--tunnel-host`). */
export class LocaltunnelProvider implements TunnelProvider {
  readonly kind = 'localtunnel';
  private client: Tunnel | null = null;
  private readonly listeners = new Set<DownListener>();

  constructor(private readonly host: string) {}

  onDown(listener: DownListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(localPort: number, options: TunnelStartOptions): Promise<TunnelEndpoint> {
    await this.close();
    const { subdomain, signal, stepTimeoutMs } = options;
    const step = <T>(run: (s: AbortSignal) => Promise<T>) => withDeadline(signal, stepTimeoutMs, run);
    let registration = await step((s) => register(this.host, subdomain, s));
    for (let i = 0; registration.id !== subdomain && i < NAME_RETRIES; i++) {
      await sleep(NAME_RELEASE_MS, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      registration = await step((s) => register(this.host, subdomain, s));
    }
    signal.throwIfAborted();
    const client = new PreRegisteredTunnel({ host: this.host, port: localPort }, registration);
    this.client = client;
    await step((s) => this.open(client, s));
    return { url: registration.url, connect: connectFor(registration.url, this.host) };
  }

  /** Opens the client's sockets; resolves on the first one, rejects on an error before that. */
  private open(client: Tunnel, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let opened = false;
      let reported = false;
      const fail = (error: unknown) => {
        if (!opened) {
          opened = true;
          signal.removeEventListener('abort', onAbort);
          client.close();
          reject(new Error(`tunnel sockets could not connect: ${reasonOf(error)}`));
          return;
        }
        // Every socket reports the same failure; one "down" per client is enough.
        if (reported || client.closed) return;
        reported = true;
        for (const listener of this.listeners) listener(`tunnel connection lost: ${reasonOf(error)}`);
      };
      const onAbort = () => fail(signal.reason);
      // Always listening: an 'error' without a listener would crash the whole process.
      client.on('error', fail);
      client.once('url', () => {
        if (opened) return;
        opened = true;
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
      client.open((err) => {
        if (err) fail(err);
      });
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    // Destroys the tunnel sockets; the server releases our name about a second later.
    if (client && !client.closed) client.close();
  }
}
