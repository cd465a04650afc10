import type { Change } from '../../shared/changes';
import type { Delivery, EndpointWithSecrets } from '../../shared/types';
import { InboxError } from './errors';
import type {
  ChangeSource,
  DeliveryPort,
  EndpointPatch,
  EndpointPort,
  NewEndpointRow,
  RecordedDelivery,
  RelayTokenPort,
} from './ports';
import type { NewRelayToken, RelayToken } from './relay-ports';

/**
 * What a relay's embedded store needs from the inbox beyond what every face uses: endpoints with
 * their secrets (the relay's receiver verifies with them), rows written with the caller's id, the
 * raw change log (the relay feed is read from it) and member tokens.
 */
export class RelaySupport {
  constructor(
    private readonly endpoints: EndpointPort,
    private readonly changes: ChangeSource,
    private readonly tokens: RelayTokenPort,
    private readonly deliveries: DeliveryPort,
  ) {}

  /** Records a replay a desktop made (announced as `delivery.changed`); null when its event is not stored. */
  recordDelivery(delivery: RecordedDelivery): number | null {
    return this.deliveries.record(delivery);
  }

  /** One delivery attempt, or null. */
  delivery(id: number): Delivery | null {
    return this.deliveries.get(id);
  }

  /** Every endpoint with its secrets (for the relay's receiver cache only; never sent out). */
  endpointsWithSecrets(): EndpointWithSecrets[] {
    return this.endpoints.list();
  }

  /** Stores an endpoint row with the caller's id; a taken id or label is a conflict. */
  insertEndpoint(row: NewEndpointRow): void {
    if (this.endpoints.get(row.id))
      throw new InboxError('conflict', `An endpoint with id "${row.id}" already exists`, { field: 'id' });
    if (this.endpoints.byLabel(row.label))
      throw new InboxError('conflict', `An endpoint labelled "${row.label}" already exists`, {
        field: 'label',
      });
    this.endpoints.create(row);
  }

  /** Applies a checked patch to the endpoint with this id. */
  patchEndpoint(id: string, patch: EndpointPatch): void {
    if (!this.endpoints.get(id)) throw new InboxError('not_found', `Endpoint "${id}" not found`);
    const other = patch.label === undefined ? null : this.endpoints.byLabel(patch.label);
    if (other && other.id !== id)
      throw new InboxError('conflict', `An endpoint labelled "${patch.label}" already exists`, {
        field: 'label',
      });
    this.endpoints.update(id, patch);
  }

  /** Change-log rows after `after`, oldest first (at most `limit`). */
  changesSince(after: number, limit: number): Change[] {
    return this.changes.since(after, limit);
  }

  /** The newest change id (0 when none). */
  changesHead(): number {
    return this.changes.latest();
  }

  /** The highest change id trimmed from the log (0 when none was). */
  changesFloor(): number {
    return this.changes.floor();
  }

  /** Stores a member token (its hash). */
  createToken(token: NewRelayToken): void {
    this.tokens.create(token);
  }

  /** Every token, revoked ones too (never the tokens themselves). */
  listTokens(): RelayToken[] {
    return this.tokens.list();
  }

  /** Revokes by id or name; false when no live token matched. */
  revokeToken(idOrName: string, at: number): boolean {
    return this.tokens.revoke(idOrName, at);
  }

  /** The live token with this hash, marked used; null when none. */
  useToken(hash: string, at: number): RelayToken | null {
    return this.tokens.use(hash, at);
  }
}
