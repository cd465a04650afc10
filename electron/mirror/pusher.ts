import type { Change } from '../../shared/changes';
import type { Endpoint, EventSummary } from '../../shared/types';
import { errorText } from '../base/logger';
import type { Inbox } from '../core/inbox';
import { type SharedEndpointFields, sharedFields } from '../core/mirror-rules';
import { replayForRelay } from './delivery-push';
import { ackState, changedFields, isRelayActor, relayActor, secretsHash } from './push-rules';
import { type RelayClient, RelayError } from './relay-client';
import type { FeedItem } from './wire';

// Remembered relay ack states (to recognise our own writes coming back); beyond this, the oldest go.
const MAX_REMEMBERED = 100_000;
const RETRY_MS = 5_000;

/**
 * Sends local changes to the relay, read from the local change feed so every face (GUI, CLI, MCP,
 * other processes) is covered: endpoints created, changed or deleted here are created, changed or
 * deleted there with the same id; acks and unacks of events go there as the local actor, finished
 * replays of mirrored events are recorded there (docs/RELAY.md). It compares
 * each change with what the relay is known to hold, so the follower's writes never echo back.
 */
export class Pusher {
  private readonly relayEndpoints = new Map<string, SharedEndpointFields>();
  // The forward URL each endpoint holds on the relay, and the ones this desktop put there (this run).
  private readonly relayForwards = new Map<string, string | null>();
  private readonly forwardsSent = new Map<string, string>();
  private readonly secretsSent = new Map<string, string>();
  private readonly relayAcks = new Map<string, { fingerprint: string; acked: boolean }>();
  private readonly dirtyEndpoints = new Set<string>();
  private readonly dirtyEvents = new Set<string>();
  private readonly dirtyDeliveries = new Set<number>();
  private position = 0;
  private live = false;
  private flushing: Promise<void> | null = null;
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly inbox: Inbox,
    private readonly client: RelayClient,
    private readonly problem: (message: string | null) => void,
  ) {}

  /** The follower is about to apply these items: remember what the relay holds, before the local writes. */
  noteRelay(items: FeedItem[]): void {
    for (const item of items) {
      if (item.kind === 'endpoint.changed') {
        if (item.endpoint) this.relayEndpoints.set(item.endpointId, sharedFields(item.endpoint));
        else this.relayEndpoints.delete(item.endpointId);
        this.relayForwards.set(item.endpointId, item.endpoint?.forwardUrl ?? null);
      } else if (item.kind !== 'delivery.recorded') {
        this.relayAcks.delete(item.event.id);
        this.relayAcks.set(item.event.id, ackState(item.event));
        if (this.relayAcks.size > MAX_REMEMBERED) {
          const oldest = this.relayAcks.keys().next().value;
          if (oldest !== undefined) this.relayAcks.delete(oldest);
        }
      }
    }
  }

  /**
   * Caught up with the relay: learn its endpoints, send what changed here since the last push
   * (while offline, or with no mirror running), then follow local changes live.
   */
  async sync(): Promise<void> {
    const relay = await this.client.endpoints();
    this.relayEndpoints.clear();
    for (const e of relay) {
      this.relayEndpoints.set(e.id, sharedFields(e));
      this.relayForwards.set(e.id, e.forwardUrl);
    }
    for (const e of this.inbox.listEndpoints()) {
      if (!this.secretsSent.has(e.id)) this.secretsSent.set(e.id, this.localSecretsHash(e.id));
    }
    const url = this.client.url;
    const saved = this.inbox.mirror.pushedPosition(url);
    if (saved === null) {
      // First connection to this relay: the endpoints made here before it go there too.
      for (const e of this.inbox.listEndpoints())
        if (!this.relayEndpoints.has(e.id)) this.dirtyEndpoints.add(e.id);
      this.position = this.inbox.mirror.latestChange();
    } else {
      this.position = saved;
      for (;;) {
        const changes = this.inbox.mirror.changesSince(this.position);
        for (const change of changes) this.note(change);
        if (changes.length < 1000) break;
      }
    }
    if (!this.unsubscribe) this.unsubscribe = this.inbox.subscribe((change) => this.note(change));
    this.live = true;
    this.schedule();
  }

  /** Stops listening and waits for a push in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retry) clearTimeout(this.retry);
    await this.flushing;
  }

  private note(change: Change): void {
    if (change.id <= this.position) return;
    this.position = change.id;
    if (change.kind === 'endpoint.changed' && change.ref) this.dirtyEndpoints.add(change.ref);
    else if (change.kind === 'event.updated' && change.ref) this.dirtyEvents.add(change.ref);
    else if (change.kind === 'delivery.changed' && change.ref) this.dirtyDeliveries.add(Number(change.ref));
    else return;
    if (this.live) this.schedule();
  }

  /** Pushes after the current write returns (the follower records what it applied first). */
  private schedule(): void {
    if (this.stopped) return;
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  private async flush(): Promise<void> {
    const endpoints = [...this.dirtyEndpoints];
    const events = [...this.dirtyEvents];
    const deliveries = [...this.dirtyDeliveries];
    this.dirtyEndpoints.clear();
    this.dirtyEvents.clear();
    this.dirtyDeliveries.clear();
    const failed: { endpoints: string[]; events: string[]; deliveries: number[] } = {
      endpoints: [],
      events: [],
      deliveries: [],
    };
    let problem: string | null = null;
    const attempt = async (work: () => Promise<void>, onRetry: () => void) => {
      try {
        await work();
      } catch (error) {
        // Worth trying again: the relay could not be reached or failed itself; a refusal (4xx) stands.
        if (error instanceof RelayError && (error.code === 'network' || (error.status ?? 0) >= 500))
          onRetry();
        problem = `Could not send a local change to the relay: ${errorText(error)}`;
      }
    };
    for (const id of endpoints)
      await attempt(
        () => this.pushEndpoint(id),
        () => failed.endpoints.push(id),
      );
    for (const id of events)
      await attempt(
        () => this.pushEvent(id),
        () => failed.events.push(id),
      );
    for (const id of deliveries)
      await attempt(
        () => this.pushDelivery(id),
        () => failed.deliveries.push(id),
      );
    this.problem(problem);
    if (failed.endpoints.length + failed.events.length + failed.deliveries.length > 0 && !this.stopped) {
      for (const id of failed.endpoints) this.dirtyEndpoints.add(id);
      for (const id of failed.events) this.dirtyEvents.add(id);
      for (const id of failed.deliveries) this.dirtyDeliveries.add(id);
      this.retry = setTimeout(() => this.schedule(), RETRY_MS);
      this.retry.unref();
      return;
    }
    this.inbox.mirror.savePushedPosition(this.client.url, this.position);
  }

  private async pushEndpoint(id: string): Promise<void> {
    const local = this.inbox.findEndpoint(id);
    const relay = this.relayEndpoints.get(id);
    if (local && local.id !== id) return;
    if (!local) {
      if (!relay) return;
      await this.client.deleteEndpoint(id).catch((error: unknown) => {
        if (!(error instanceof RelayError && error.code === 'not_found')) throw error;
      });
      this.relayEndpoints.delete(id);
      return;
    }
    const shared = sharedFields(local);
    const secrets = this.localSecrets(id);
    const hash = secretsHash(secrets);
    const forwardUrl = this.relayForwardUrl(local);
    if (!relay) {
      await this.client.createEndpoint({
        id,
        ...shared,
        ...(secrets.length ? { secrets } : {}),
        ...(forwardUrl ? { forwardUrl } : {}),
      });
    } else {
      const body = changedFields(shared, relay);
      if (hash !== this.secretsSent.get(id)) body.secrets = secrets;
      if (forwardUrl !== undefined && forwardUrl !== (this.relayForwards.get(id) ?? null))
        body.forwardUrl = forwardUrl;
      if (Object.keys(body).length === 0) return;
      await this.client.updateEndpoint(id, body);
    }
    this.relayEndpoints.set(id, shared);
    this.secretsSent.set(id, hash);
    if (forwardUrl !== undefined) this.relayForwards.set(id, forwardUrl);
    if (forwardUrl) this.forwardsSent.set(id, forwardUrl);
    else this.forwardsSent.delete(id);
  }

  /**
   * The forward URL the relay should hold for a local endpoint: its target when the relay forwards
   * it (a public one, or `--forward-from relay`); null to take back a target this desktop put there
   * (now cleared, or forwarded here); undefined to leave the relay's alone (a teammate's target).
   */
  private relayForwardUrl(local: Endpoint): string | null | undefined {
    if (this.inbox.mirror.forwardFrom(local) === 'relay') return local.forwardUrl;
    const sent = this.forwardsSent.get(local.id);
    return sent !== undefined && this.relayForwards.get(local.id) === sent ? null : undefined;
  }

  private async pushEvent(id: string): Promise<void> {
    const local = this.inbox.eventSummary(id);
    if (!local) return;
    const mine = ackState(local);
    const known = this.relayAcks.get(id);
    if (known?.fingerprint === mine.fingerprint) return;
    // Pending is where every event starts: only a known ack on the relay is worth undoing.
    if (!mine.acked && !known?.acked) return;
    // An actor the relay recorded (`member/actor`) came from the relay: nothing of ours to send.
    if (isRelayActor(local.ackedBy)) return;
    if (local.ackedAt === null) {
      await this.client.unack([id]);
      this.relayAcks.set(id, mine);
      return;
    }
    const [result] = await this.client.ack(
      [id],
      local.ackOutcome ?? 'done',
      local.note,
      relayActor(local.ackedBy ?? 'app'),
    );
    // Remembered only once sent: a failed push is tried again and must not look done.
    this.relayAcks.set(id, mine);
    // Someone acked it on the relay first: the first ack stands, so take theirs.
    if (result === 'already_acked') this.takeRelayState(await this.client.event(id));
  }

  /** Sends a finished replay of a mirrored event, so teammates see it in the event's delivery log. */
  private async pushDelivery(id: number): Promise<void> {
    const delivery = this.inbox.deliveries.get(id);
    const body = delivery && replayForRelay(delivery);
    if (!delivery || !body) return;
    // Events of endpoints the relay does not have are this desktop's own: nothing to tell.
    const event = this.inbox.eventSummary(delivery.eventId);
    if (!event || !this.relayEndpoints.has(event.endpointId)) return;
    await this.client.recordDelivery(delivery.eventId, body).catch((error: unknown) => {
      // An event captured here on a mirrored endpoint's local URL is not on the relay: nothing to tell.
      if (!(error instanceof RelayError && error.code === 'not_found')) throw error;
    });
  }

  private takeRelayState(event: EventSummary): void {
    const url = this.client.url;
    this.relayAcks.set(event.id, ackState(event));
    this.inbox.mirror.applyEvents(
      [{ id: 0, kind: 'event.updated', event }],
      url,
      this.inbox.mirror.cursor(url),
    );
  }

  private localSecrets(id: string): string[] {
    try {
      return this.inbox.endpointWithSecrets(id).secrets;
    } catch {
      return [];
    }
  }

  private localSecretsHash(id: string): string {
    return secretsHash(this.localSecrets(id));
  }
}
