import type { Change } from '../../shared/changes';
import { boundedBody as bounded } from '../../shared/relay-wire';
import { withoutSecrets } from '../core/endpoint-rows';
import type { Inbox } from '../core/inbox';
import type { RetentionResult } from '../core/ports';
import {
  type RelayEventsPage,
  type RelayFeedItem,
  type RelayFeedPage,
  type RelayStore,
  boundedEventsPage,
} from '../core/relay-ports';

/** Who the relay's own forward attempts are recorded as (as on PostgreSQL). */
const RELAY_ACTOR = 'relay';

// Change-log rows read per step while filling a page (kinds the feed skips are read and passed over).
const SCAN_STEP = 256;

/**
 * The relay's embedded store: the desktop's SQLite inbox (in the relay's data directory) behind the
 * RelayStore port, through facade methods only. Feed ids are change-log ids; changes the feed does
 * not carry (forwards, runtime facts, search) are passed over, and rows are read as they stand
 * now (an event retention deleted since is passed over too). One process: SQLite's single writer
 * commits change ids in order, so the feed's order rule holds by construction.
 */
export class EmbeddedRelayStore implements RelayStore {
  readonly kind = 'sqlite' as const;
  /** One process: the desktop's own forwarder runs on the inbox (app/relay-forwarding.ts). */
  readonly forwardQueue = null;
  private readonly checkpoints: { stop(): Promise<void> } | null;

  /** With `serving`, WAL checkpoints run in a worker thread, off the receiver's thread (as a desktop leader's do). */
  constructor(
    /** The inbox the relay stores in (its forwarder runs on it). */
    readonly inbox: Inbox,
    options: { serving?: boolean } = {},
  ) {
    this.checkpoints = options.serving ? inbox.maintenance.startCheckpoints() : null;
  }

  async listEndpoints() {
    return this.inbox.relay.endpointsWithSecrets();
  }

  async getEndpoint(id: string) {
    return this.inbox.endpointById(id);
  }

  async createEndpoint(row: Parameters<RelayStore['createEndpoint']>[0]) {
    this.inbox.relay.insertEndpoint(row);
  }

  async updateEndpoint(id: string, patch: Parameters<RelayStore['updateEndpoint']>[1]) {
    this.inbox.relay.patchEndpoint(id, patch);
  }

  async deleteEndpoint(id: string, purgeEvents: boolean) {
    return this.inbox.deleteEndpoint(id, purgeEvents);
  }

  commit(batch: Parameters<RelayStore['commit']>[0]) {
    return this.inbox.commitEvents(batch);
  }

  async getEvent(id: string) {
    return this.inbox.findEvent(id);
  }

  async events(after: number, limit: number, maxBytes: number): Promise<RelayEventsPage> {
    const listed = this.inbox.listEvents({ order: 'asc', cursor: after, limit: limit + 1 });
    // An event retention deleted between the list and this read is passed over.
    const read = listed.flatMap((e) => {
      const whole = this.inbox.findEvent(e.id);
      return whole ? [whole] : [];
    });
    return boundedEventsPage(read, after, limit, maxBytes);
  }

  async feed(after: number, limit: number, maxBytes: number): Promise<RelayFeedPage> {
    const items: RelayFeedItem[] = [];
    let bytes = 0;
    let next = after;
    // The change log notes each step of an attempt, read as it stands now: one item per page for it
    // (a reader's next page may carry it again; desktops record an attempt once).
    const deliveries = new Set<number>();
    for (;;) {
      const changes = this.inbox.relay.changesSince(next, SCAN_STEP);
      for (const change of changes) {
        if (items.length >= limit || (items.length > 0 && bytes >= maxBytes))
          return { items, next, hasMore: true };
        const item = this.item(change);
        // Passed-over changes move the cursor too, so a reader never reads them again.
        next = change.id;
        if (!item) continue;
        if (item.kind === 'delivery.recorded') {
          if (deliveries.has(item.delivery.id)) continue;
          deliveries.add(item.delivery.id);
        }
        items.push(item);
        if (item.kind === 'event.created') bytes += item.event.body.byteLength;
      }
      if (changes.length < SCAN_STEP) return { items, next, hasMore: false };
    }
  }

  private item(change: Change): RelayFeedItem | null {
    const { id, at, ref } = change;
    if (ref === null) return null;
    switch (change.kind) {
      case 'event.created': {
        const event = this.inbox.findEvent(ref);
        return event && { id, kind: 'event.created', at, event };
      }
      case 'event.updated': {
        const event = this.inbox.eventSummary(ref);
        return event && { id, kind: 'event.updated', at, event };
      }
      case 'delivery.changed': {
        // Replays desktops recorded here, and this relay's own forward attempts once they ended.
        const delivery = this.inbox.relay.delivery(Number(ref));
        if (!delivery) return null;
        const ownForward = delivery.kind === 'forward' && !delivery.by && delivery.durationMs !== null;
        if (!ownForward && (!delivery.by || delivery.kind !== 'replay')) return null;
        const { id: deliveryId, by, attempt, nextAttemptAt: _n, kind, ...rest } = delivery;
        const request = { ...rest.request, ...bounded(rest.request.body, rest.request.truncated ?? false) };
        const response = rest.response && {
          ...rest.response,
          ...bounded(rest.response.body, rest.response.truncated),
        };
        return {
          id,
          kind: 'delivery.recorded',
          at,
          delivery: { ...rest, id: deliveryId, by: by || RELAY_ACTOR, kind, attempt, request, response },
        };
      }
      case 'endpoint.changed': {
        const endpoint = this.inbox.endpointById(ref);
        return {
          id,
          kind: 'endpoint.changed',
          at,
          endpointId: ref,
          endpoint: endpoint && withoutSecrets(endpoint),
        };
      }
      default:
        return null;
    }
  }

  async feedHead() {
    return this.inbox.relay.changesHead();
  }

  async feedFloor() {
    return this.inbox.relay.changesFloor();
  }

  async ack(...[ids, by, outcome, note]: Parameters<RelayStore['ack']>) {
    return this.inbox.ack(ids, by, outcome, note).map((r) => r.result);
  }

  async unack(ids: string[]) {
    return this.inbox.unack(ids);
  }

  async claim(...[ids, holder, seconds]: Parameters<RelayStore['claim']>) {
    const { taken, until } = this.inbox.claims.take(ids, holder, seconds);
    return { claimed: taken, until };
  }

  async release(ids: string[], session: string) {
    return this.inbox.claims.release(ids, session);
  }

  async recordDelivery(delivery: Parameters<RelayStore['recordDelivery']>[0]) {
    return this.inbox.relay.recordDelivery(delivery);
  }

  async createToken(token: Parameters<RelayStore['createToken']>[0]) {
    this.inbox.relay.createToken(token);
  }

  async listTokens() {
    return this.inbox.relay.listTokens();
  }

  async revokeToken(idOrName: string, at: number) {
    return this.inbox.relay.revokeToken(idOrName, at);
  }

  async useToken(hash: string, at: number) {
    return this.inbox.relay.useToken(hash, at);
  }

  async enforceRetention(policy: Parameters<RelayStore['enforceRetention']>[0]): Promise<RetentionResult> {
    const { deleted, deletedUntrusted, deletedPending, keptOverLimit } =
      this.inbox.maintenance.enforceRetention(policy);
    return { deleted, deletedUntrusted, deletedPending, keptOverLimit };
  }

  onChange(listener: () => void): () => void {
    return this.inbox.subscribe(() => listener());
  }

  async close() {
    await this.checkpoints?.stop();
    this.inbox.close();
  }
}
