import { createHash } from 'node:crypto';
import type { EndpointWithSecrets, RuntimeInfo } from '../../shared/types';
import { type Clock, systemClock } from '../base/clock';
import { type Logger, silentLogger } from '../base/logger';
import { defaultVerifier } from '../core/default-verifier';
import { InboxError } from '../core/errors';
import type { NewEvent } from '../core/ports';
import type { RelayStore } from '../core/relay-ports';
import type { Verifier } from '../core/verifier';
import type { ReceiverInbox } from '../receiver/receiver-inbox';

/** How a relay's receiver is reached and what it runs with. */
export interface RelayInboxOptions {
  /** The public base URL senders use (signed URLs are built from it). */
  publicUrl: string;
  clock?: Clock;
  verifier?: Verifier;
  log?: Logger;
}

// A missed doorbell (PostgreSQL notifications can be lost) costs at most this much staleness.
const SAFETY_REFRESH_MS = 30_000;
// Fewest milliseconds between two endpoint refreshes the doorbell asks for.
const REFRESH_GAP_MS = 250;

/**
 * The receiver's view of a relay: endpoints from an in-memory copy (so a capture never waits on the
 * network for a known endpoint), refreshed whenever the store's doorbell rings; commits go to the
 * store. An id not in memory is looked up once in the store (an endpoint another relay process just
 * created), so a new endpoint never answers 404 while the copy catches up.
 */
export class RelayInbox implements ReceiverInbox {
  readonly clock: Clock;
  readonly verifier: Verifier;
  readonly log: Logger;
  private endpoints = new Map<string, EndpointWithSecrets>();
  private localBaseUrl: string | null = null;
  private refreshing: Promise<void> | null = null;
  private dirty = false;
  private lastRefresh = 0;
  private readonly stopListening: () => void;
  private readonly timer: NodeJS.Timeout;
  private readonly identity: string;
  private publicUrl: string;

  private constructor(
    private readonly relayStore: RelayStore,
    options: RelayInboxOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.verifier = options.verifier ?? defaultVerifier;
    this.log = options.log ?? silentLogger;
    this.publicUrl = options.publicUrl;
    this.identity = createHash('sha256').update(`relay:${options.publicUrl}`).digest('hex').slice(0, 16);
    this.stopListening = relayStore.onChange(() => this.refreshSoon());
    this.timer = setInterval(() => this.refreshSoon(), SAFETY_REFRESH_MS);
    this.timer.unref();
  }

  /** Loads the endpoints, then keeps them current. */
  static async open(store: RelayStore, options: RelayInboxOptions): Promise<RelayInbox> {
    const inbox = new RelayInbox(store, options);
    await inbox.refresh();
    return inbox;
  }

  endpointById(id: string): EndpointWithSecrets | null | Promise<EndpointWithSecrets | null> {
    return this.endpoints.get(id) ?? this.lookUp(id);
  }

  private async lookUp(id: string): Promise<EndpointWithSecrets | null> {
    try {
      return this.remember(id, await this.relayStore.getEndpoint(id));
    } catch (error) {
      this.log.warn('could not look an endpoint up in the relay store', { error });
      throw new InboxError('unavailable', 'The relay store cannot be reached; retry later');
    }
  }

  /** Reads one endpoint again now (after this process changed it), so the next capture sees it. */
  async reload(id: string): Promise<void> {
    this.remember(id, await this.relayStore.getEndpoint(id));
  }

  private remember(id: string, endpoint: EndpointWithSecrets | null): EndpointWithSecrets | null {
    if (endpoint) this.endpoints.set(id, endpoint);
    else this.endpoints.delete(id);
    return endpoint;
  }

  /**
   * Marks the copy stale and refreshes it: one read at a time, at most one per REFRESH_GAP_MS (the
   * doorbell rings for every commit, events included; listing endpoints for each would cost the
   * receiver more than the captures). Changes made through this process's API are read at once
   * (reload), so only other relay processes' changes wait for the gap.
   */
  refreshSoon(): void {
    this.dirty = true;
    if (this.refreshing) return;
    const wait = Math.max(0, this.lastRefresh + REFRESH_GAP_MS - Date.now());
    this.refreshing = new Promise<void>((resolve) => setTimeout(resolve, wait).unref()).then(async () => {
      while (this.dirty) {
        this.dirty = false;
        try {
          await this.refresh();
        } catch (error) {
          // Keep serving from the copy we have; the next ring or the safety timer tries again.
          this.log.warn('could not refresh endpoints from the relay store', { error });
          break;
        }
      }
      this.refreshing = null;
    });
  }

  private async refresh(): Promise<void> {
    this.lastRefresh = Date.now();
    const list = await this.relayStore.listEndpoints();
    this.endpoints = new Map(list.map((e) => [e.id, e]));
  }

  /** Uses this public URL for signed URLs (when it is the local one, known only once bound). */
  usePublicUrl(publicUrl: string): void {
    this.publicUrl = publicUrl;
  }

  /** Records where the receiver listens (known once it is bound). */
  listening(localBaseUrl: string): void {
    this.localBaseUrl = localBaseUrl;
  }

  runtime(): RuntimeInfo {
    return {
      leaderPid: process.pid,
      receiverPort: null,
      localBaseUrl: this.localBaseUrl,
      tunnel: { kind: 'custom', state: 'up', publicUrl: this.publicUrl, lastError: null, since: 0 },
      uiUrl: null,
    };
  }

  commitEvents(batch: NewEvent[]): Promise<number[]> {
    // An endpoint with a forward URL on the relay is forwarded by the relay: the forward's state is
    // born in this commit, and the relay's forwarder (app/relay-forwarding.ts) sends it.
    return this.relayStore.commit(batch);
  }

  dataDirId(): string {
    return this.identity;
  }

  /** Stops following the store (the store itself is closed by its owner). */
  close(): void {
    this.stopListening();
    clearInterval(this.timer);
  }
}
