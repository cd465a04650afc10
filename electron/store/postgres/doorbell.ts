import pg from 'pg';
import { CHANGE_CHANNEL } from './locks';

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5_000;

/**
 * Listens for other relay processes' commits on a dedicated connection (LISTEN needs one session
 * that stays open; a pooled one would be handed to others). When the connection drops it reconnects
 * with backoff and rings once on return: notifications sent meanwhile were lost, and a ring makes
 * readers look at the feed, which is the truth. A missed ring costs latency, never data.
 */
export class Doorbell {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Clients already given up on: their late 'end' or 'error' must not schedule a second reconnect. */
  private readonly gone = new WeakSet<pg.Client>();

  constructor(
    private readonly url: string,
    private readonly connectTimeoutMs: number,
  ) {}

  /** Starts listening (resolves once connected, or after the first failed try: it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Adds a listener; returns its remover. */
  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rings every listener (also called after this process's own commits, without waiting for NOTIFY). */
  ring(): void {
    for (const listener of this.listeners) listener();
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.connectTimeoutMs,
      keepAlive: true,
    });
    // Both fire when the server goes away; whichever comes first schedules one reconnect.
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    client.on('notification', () => this.ring());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch {
      this.dropped(client);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.retryMs !== FIRST_RETRY_MS;
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (reconnected) this.ring();
  }

  private dropped(client: pg.Client): void {
    if (this.closed || this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    this.timer.unref();
  }
}
