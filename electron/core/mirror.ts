import type { Change } from '../../shared/changes';
import type { Endpoint, EventSummary, RelayStatus, StoredEvent } from '../../shared/types';
import { checkTargetUrl } from './endpoint-input';
import { InboxError } from './errors';
import { FORWARD_FROM_CHOICES, type ForwardFrom, type ForwardFromChoice, forwardFrom } from './forward-from';
import type { MirrorApplied, MirrorEndpointOp, MirrorEventOp } from './mirror-records';
import { remoteState, sharedFields } from './mirror-rules';
import type {
  ChangeSource,
  EndpointPort,
  MirrorPort,
  NewEvent,
  RecordedDelivery,
  SettingsPort,
} from './ports';
import type { RuntimeFacts } from './runtime';

/** The relay a desktop mirrors, as saved in the inbox settings (so the GUI and the next start know it). */
export interface RelayConnection {
  url: string;
  token: string;
}

/** An event item of the relay feed (with its bytes). */
export type RelayEventItem =
  | { id: number; kind: 'event.created'; event: StoredEvent }
  | { id: number; kind: 'event.updated'; event: EventSummary }
  /** A replay made on another desktop (its delivery log entry). */
  | { id: number; kind: 'delivery.recorded'; delivery: RecordedDelivery };

/** The settings key of the saved connection (its change tells the leader's mirror to reconnect). */
export const RELAY_CONNECTION_KEY = 'relay.connection';
const PUSHED_KEY = 'relay.pushed';
// Per-endpoint choices of who forwards (`--forward-from`), as {endpointId: 'relay' | 'here'}.
const FORWARD_FROM_KEY = 'relay.forwardFrom';

function isConnection(v: unknown): v is RelayConnection {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.url === 'string' && typeof o.token === 'string';
}

/** A relay base URL as typed by a person: absolute http(s), without a trailing slash. */
export function checkRelayUrl(url: string): string {
  return checkTargetUrl(url.trim(), 'url').replace(/\/+$/, '');
}

/** A stored event as the local store takes it from the relay: same id, bytes, headers and verdict. */
function toNewEvent(e: StoredEvent, forward: boolean): NewEvent {
  const {
    seq: _seq,
    bodySize: _bodySize,
    duplicateOf: _duplicateOf,
    ackedAt: _ackedAt,
    ackedBy: _ackedBy,
    ackOutcome: _ackOutcome,
    note: _note,
    forward: _forward,
    ...rest
  } = e;
  return { ...rest, forward };
}

/**
 * The mirror's side of the facade (`inbox.mirror`): the saved relay connection, the cursor, and
 * applying the relay's feed items in order. Each run of items commits with its cursor, so a crash
 * between storing and saving the cursor cannot duplicate, and a page read again stores nothing twice.
 */
export class MirrorState {
  constructor(
    private readonly ports: {
      mirror: MirrorPort;
      settings: SettingsPort;
      endpoints: EndpointPort;
      changes: ChangeSource;
    },
    private readonly facts: RuntimeFacts,
    /** This inbox's holder prefix on the relay: its own agents' claims come back under their sessions. */
    private readonly holderPrefix: () => string,
  ) {}

  /** The saved connection, or null when this inbox mirrors no relay. */
  connection(): RelayConnection | null {
    const value = this.ports.settings.get(RELAY_CONNECTION_KEY);
    return isConnection(value) ? value : null;
  }

  /** Saves the relay to mirror (the leader's mirror hears it and connects). */
  saveConnection(url: string, token: string): RelayConnection {
    const connection = { url: checkRelayUrl(url), token: token.trim() };
    if (!connection.token) throw new InboxError('invalid', 'Give the relay token', { field: 'token' });
    const current = this.connection();
    if (current?.url !== connection.url || current.token !== connection.token)
      this.ports.settings.set(RELAY_CONNECTION_KEY, connection, 'runtime.changed');
    return connection;
  }

  /** Forgets the relay: the mirror stops; mirrored events and endpoints stay. */
  clearConnection(): void {
    if (this.connection()) this.ports.settings.delete(RELAY_CONNECTION_KEY, 'runtime.changed');
    this.ports.mirror.resetCursor();
  }

  /** The last feed id applied from this relay (0: from the beginning). */
  cursor(url: string): number {
    const saved = this.ports.mirror.cursor();
    return saved && saved.url === url ? saved.cursor : 0;
  }

  /** Starts over from the relay's oldest item (after it trimmed the history we were reading). */
  resetCursor(): void {
    this.ports.mirror.resetCursor();
  }

  /**
   * Applies a run of event items in order and moves the cursor to `next`, in one transaction. New
   * events keep the relay's id, bytes, headers, verdict and ack. Events of an endpoint this desktop
   * forwards (a target on this machine) are auto-forwarded here like every captured event; the others
   * take the relay's forward state (the relay forwards them, see forward-from.ts).
   */
  applyEvents(items: RelayEventItem[], url: string, next: number): MirrorApplied {
    const here = new Map<string, boolean>();
    const forwardsHere = (endpointId: string) => {
      let known = here.get(endpointId);
      if (known === undefined) {
        known = !this.forwardedByRelay(this.ports.endpoints.get(endpointId));
        here.set(endpointId, known);
      }
      return known;
    };
    const ops: MirrorEventOp[] = items.map((item) => {
      if (item.kind === 'delivery.recorded') return { kind: 'delivery', delivery: item.delivery };
      const local = forwardsHere(item.event.endpointId);
      // The forward state is the relay's where the relay forwards; this desktop's where it does.
      const state = {
        ...remoteState(item.event, this.holderPrefix()),
        ...(local ? {} : { forward: item.event.forward }),
      };
      return item.kind === 'event.created'
        ? // Forwarded here when the local endpoint forwards here (the store checks its URL, in the commit).
          { kind: 'created', event: toNewEvent(item.event, local), state }
        : { kind: 'updated', eventId: item.event.id, state };
    });
    return this.ports.mirror.applyEvents(ops, { url, cursor: next });
  }

  /** The choice made for an endpoint (`auto`: the target rule, see forward-from.ts). */
  forwardChoice(endpointId: string): ForwardFromChoice {
    const saved = this.forwardChoices()[endpointId];
    return FORWARD_FROM_CHOICES.find((c) => c === saved) ?? 'auto';
  }

  /** Saves who forwards an endpoint's events while a relay is mirrored (`auto`: the target rule). */
  setForwardChoice(endpointId: string, choice: ForwardFromChoice): void {
    const choices = this.forwardChoices();
    if ((choices[endpointId] ?? 'auto') === choice) return;
    if (choice === 'auto') delete choices[endpointId];
    else choices[endpointId] = choice;
    this.ports.settings.set(FORWARD_FROM_KEY, choices, 'runtime.changed');
    // The endpoint changed as people see it (and the mirror pushes its forward URL, or stops).
    this.ports.endpoints.update(endpointId, {});
  }

  /** Who sends this endpoint's auto-forwards now: null without a forward URL; `here` when no relay is mirrored. */
  forwardFrom(endpoint: Pick<Endpoint, 'id' | 'forwardUrl'>): ForwardFrom | null {
    return forwardFrom(endpoint, this.connection() !== null, this.forwardChoice(endpoint.id));
  }

  /**
   * True when this desktop must not send the endpoint's forwards: a relay is mirrored and the
   * endpoint's forward state is the relay's (its target is the relay's to send, or this desktop has none).
   */
  forwardedByRelay(endpoint: Pick<Endpoint, 'id' | 'forwardUrl'> | null): boolean {
    return this.connection() !== null && this.relayTakes(endpoint);
  }

  /** With a relay connected: whether it forwards this endpoint (rather than this desktop). */
  private relayTakes(endpoint: Pick<Endpoint, 'id' | 'forwardUrl'> | null): boolean {
    return endpoint === null || this.forwardFrom(endpoint) !== 'here';
  }

  /**
   * Marks the captures of a batch whose endpoint the mirrored relay forwards as forwarded here: they
   * came to this laptop's own URL, so the relay never saw them and would never send them.
   */
  markLocalForwards(batch: NewEvent[]): NewEvent[] {
    if (!batch.some((e) => e.forward) || this.connection() === null) return batch;
    return batch.map((e) =>
      // The connection was read once above: the receiver's commit path reads no more settings per event.
      e.forward && this.relayTakes(this.ports.endpoints.get(e.endpointId)) ? { ...e, forwardHere: true } : e,
    );
  }

  private forwardChoices(): Record<string, ForwardFromChoice> {
    const value = this.ports.settings.get(FORWARD_FROM_KEY);
    return typeof value === 'object' && value !== null
      ? { ...(value as Record<string, ForwardFromChoice>) }
      : {};
  }

  /**
   * Creates, changes or deletes the local endpoint to match the relay's, and moves the cursor. Local
   * secrets and the local forward URL are kept (neither comes from the relay).
   */
  applyEndpoint(endpointId: string, remote: Endpoint | null, url: string, next: number): void {
    this.ports.mirror.applyEndpoint(this.endpointOp(endpointId, remote), { url, cursor: next });
  }

  private endpointOp(id: string, remote: Endpoint | null): MirrorEndpointOp {
    const local = this.ports.endpoints.get(id);
    if (!remote) return local ? { kind: 'delete', id } : { kind: 'none' };
    const shared = sharedFields(remote);
    const label = this.freeLabel(shared.label, id);
    if (!local) {
      const row = {
        ...shared,
        id,
        label,
        forwardUrl: null,
        secrets: [],
        createdAt: remote.createdAt,
        createdBy: remote.createdBy,
      };
      return { kind: 'create', row, paused: shared.paused, archived: shared.archived };
    }
    return { kind: 'update', id, patch: { ...shared, label } };
  }

  /** The relay's label, or (when a local-only endpoint holds it) the label with " (relay)". */
  private freeLabel(label: string, id: string): string {
    const holder = this.ports.endpoints.byLabel(label);
    if (!holder || holder.id === id) return label;
    for (let n = 1; ; n++) {
      const candidate = `${label.slice(0, 50)} (relay${n > 1 ? ` ${n}` : ''})`;
      const other = this.ports.endpoints.byLabel(candidate);
      if (!other || other.id === id) return candidate;
    }
  }

  /** Publishes where the connection stands, for every face (null: not connected). */
  writeStatus(status: RelayStatus | null): void {
    this.facts.writeRelay(status);
  }

  /** Local changes after `position` (the pusher reads what happened while no mirror ran). */
  changesSince(position: number, limit = 1000): Change[] {
    return this.ports.changes.since(position, limit);
  }

  /** The newest local change id. */
  latestChange(): number {
    return this.ports.changes.latest();
  }

  /** Where the pusher stands in the local change log for this relay (null: never pushed to it). */
  pushedPosition(url: string): number | null {
    const value = this.ports.settings.get(PUSHED_KEY);
    if (typeof value !== 'object' || value === null) return null;
    const o = value as Record<string, unknown>;
    return o.url === url && typeof o.position === 'number' ? o.position : null;
  }

  /** Saves where the pusher stands. */
  savePushedPosition(url: string, position: number): void {
    this.ports.settings.set(PUSHED_KEY, { url, position }, 'runtime.changed');
  }
}
