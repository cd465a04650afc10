import type { Listener, Session } from '@ngrok/ngrok';
import { VERSION } from '../base/version';
import {
  type DownListener,
  type TunnelEndpoint,
  type TunnelProvider,
  type TunnelStartOptions,
  reasonOf,
} from './provider';

/** What the ngrok provider needs: the account's authtoken (NGROK_AUTHTOKEN) and, optionally, a reserved domain. */
export interface NgrokOptions {
  authtoken: string | undefined;
  /** A domain reserved on the ngrok account (the free static domain never changes); random when absent. */
  domain: string | undefined;
}

/** The reason shown (status, log) when the token is missing. */
export const MISSING_NGROK_TOKEN =
  'NGROK_AUTHTOKEN is not set: --tunnel ngrok needs your ngrok authtoken (https://dashboard.ngrok.com/get-started/your-authtoken); export NGROK_AUTHTOKEN=… and restart';

type NgrokSdk = typeof import('@ngrok/ngrok');

/** Loads the SDK only when ngrok is asked for: its native binary exists for some platforms only. */
async function loadSdk(): Promise<NgrokSdk> {
  try {
    const sdk = await import('@ngrok/ngrok');
    // Bundled as CommonJS: the namespace may sit under `default`.
    return 'SessionBuilder' in sdk ? sdk : (sdk as { default: NgrokSdk }).default;
  } catch (error) {
    throw new Error(
      `the ngrok SDK could not load on ${process.platform}-${process.arch}: ${reasonOf(error)}`,
    );
  }
}

/**
 * Settles with `work`, or rejects when the step deadline passes or the attempt is aborted; a result
 * that arrives too late is handed to `discard` (so a late session or listener is closed, not leaked).
 */
function step<T>(
  work: Promise<T>,
  signal: AbortSignal,
  ms: number,
  what: string,
  discard: (late: T) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(signal.reason ?? new Error('stopped')));
    const timer = setTimeout(() => finish(() => reject(new Error(`${what} timed out after ${ms} ms`))), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (settled ? discard(value) : finish(() => resolve(value))),
      (error: unknown) => finish(() => reject(new Error(`ngrok: ${what} failed: ${reasonOf(error)}`))),
    );
  });
}

/** Tunnels through ngrok with its in-process SDK (`--tunnel ngrok`, NGROK_AUTHTOKEN, `--ngrok-domain`). */
export class NgrokProvider implements TunnelProvider {
  readonly kind = 'ngrok';
  private session: Session | null = null;
  private listener: Listener | null = null;
  private live = false;
  private readonly listeners = new Set<DownListener>();

  constructor(private readonly options: NgrokOptions) {}

  onDown(listener: DownListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(localPort: number, options: TunnelStartOptions): Promise<TunnelEndpoint> {
    await this.close();
    const { authtoken, domain } = this.options;
    if (!authtoken) throw new Error(MISSING_NGROK_TOKEN);
    const sdk = await loadSdk();
    const { signal, stepTimeoutMs } = options;
    const builder = new sdk.SessionBuilder()
      .authtoken(authtoken)
      .clientInfo('hookline', VERSION)
      // Returning false would make the SDK throw an uncaught error; let it retry, and tell the
      // manager, which closes this session and opens a fresh one with its own backoff.
      .handleDisconnection((_addr, error) => {
        if (this.live) for (const listener of this.listeners) listener(`ngrok session lost: ${error}`);
        return true;
      });
    const closeLate = (late: { close(): Promise<void> }) => void late.close().catch(() => undefined);
    const session = await step(builder.connect(), signal, stepTimeoutMs, 'connecting to ngrok', closeLate);
    this.session = session;
    const http = session.httpEndpoint();
    if (domain) http.domain(domain);
    const forwardTo = `http://127.0.0.1:${localPort}`;
    const listener = await step(
      http.listenAndForward(forwardTo),
      signal,
      stepTimeoutMs,
      domain ? `opening ${domain}` : 'opening an endpoint',
      closeLate,
    );
    this.listener = listener;
    const url = listener.url();
    if (!url) throw new Error('ngrok opened an endpoint without a URL');
    this.live = true;
    return { url, connect: null };
  }

  async close(): Promise<void> {
    this.live = false;
    const { listener, session } = this;
    this.listener = null;
    this.session = null;
    await listener?.close().catch(() => undefined);
    await session?.close().catch(() => undefined);
  }
}
