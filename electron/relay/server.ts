import type { Clock } from '../base/clock';
import { systemClock } from '../base/clock';
import { type Logger, silentLogger } from '../base/logger';
import { InboxError } from '../core/errors';
import type { RelayStore } from '../core/relay-ports';
import type { Verifier } from '../core/verifier';
import type { ConnectionLimits } from '../receiver/limits';
import { type Receiver, startReceiver } from '../receiver/server';
import { API_PREFIX, relayApi } from './api';
import { quietLog } from './quiet-log';
import { RelayInbox } from './relay-inbox';

/** How to run a relay. */
export interface RelayOptions {
  store: RelayStore;
  port: number;
  /** Interface to listen on (default 127.0.0.1: put a TLS reverse proxy in front). */
  host?: string;
  /** The public base URL senders and desktops use (default: the local URL). */
  publicUrl?: string;
  maxBodyBytes?: number;
  limits?: Partial<ConnectionLimits>;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  verifier?: Verifier;
  log?: Logger;
}

/** A running relay. */
export interface Relay {
  port: number;
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  localUrl: string;
  /** The base URL endpoints are handed out with. */
  publicUrl: string;
  /** The API's base URL (public). */
  apiUrl: string;
  /**
   * Stops: long-polls answer at once, captures in flight get `graceMs` to be committed and
   * answered, then connections are cut. The store stays open (its owner closes it).
   */
  close(graceMs?: number): Promise<void>;
}

/** A clear error for a port or interface the relay cannot listen on. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new InboxError('unavailable', `Port ${port} on ${host} is in use by another program; pass --port`);
  if (code === 'EACCES')
    return new InboxError(
      'unavailable',
      `Not allowed to listen on port ${port}; pick one above 1023 with --port`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new InboxError(
      'invalid',
      `Cannot listen on "${host}": not an address of this machine; check --host`,
    );
  return error;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a relay: the receiver (`/h/<id>…`, `/healthz`, open as on the desktop, with the same limits)
 * and the member API (`/api/relay/v1`) on one port, over a RelayStore.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  // Every capture and API call fails alike while the store is down: say so once per window.
  const log = quietLog(options.log ?? silentLogger);
  const given = options.publicUrl?.replace(/\/+$/, '');
  // The public URL is only known after binding when it is the local one (port 0 in tests).
  let publicUrl = given ?? '';
  const inbox = await RelayInbox.open(options.store, {
    publicUrl: given ?? 'http://relay.invalid',
    clock,
    verifier: options.verifier,
    log,
  });
  let drain: () => void = () => undefined;
  const draining = new Promise<void>((resolve) => {
    drain = resolve;
  });
  const api = relayApi({
    store: options.store,
    inbox,
    get publicUrl() {
      return publicUrl;
    },
    clock,
    log,
    draining,
  });
  let receiver: Receiver;
  try {
    receiver = await startReceiver({
      inbox,
      port: options.port,
      host,
      maxBodyBytes: options.maxBodyBytes,
      limits: options.limits,
      env: options.env,
      routes: api,
    });
  } catch (error) {
    inbox.close();
    throw listenError(error, host, options.port);
  }
  const localUrl = `http://${hostForUrl(host)}:${receiver.port}`;
  publicUrl = given ?? localUrl;
  inbox.listening(localUrl);
  if (!given) inbox.usePublicUrl(publicUrl);
  return {
    port: receiver.port,
    localUrl,
    publicUrl,
    apiUrl: `${publicUrl}${API_PREFIX}`,
    close: async (graceMs = 0) => {
      drain();
      await receiver.close(graceMs);
      inbox.close();
    },
  };
}
