import type Database from 'better-sqlite3';
import type { ChangeKind } from '../../shared/changes';
import type { MirrorPort } from '../core/ports';
import type { EndpointRepo } from './endpoint-repo';
import type { EventRepo } from './event-repo';
import { MIRROR_CURSOR_KEY, isMirrorCursor } from './mirror-cursor';
import { MirrorRepo } from './mirror-repo';
import type { RecordedDeliveryRepo } from './recorded-delivery-repo';
import type { SettingsRepo } from './settings-repo';

/** What the mirror port writes with: the store's repos, its change log and its write transaction. */
export interface MirrorPortDeps {
  db: Database.Database;
  events: EventRepo;
  endpoints: EndpointRepo;
  recorded: RecordedDeliveryRepo;
  settings: SettingsRepo;
  change: (kind: ChangeKind, ref: string | null, endpointId: string | null) => void;
  endpointOf: (eventId: string) => string | null;
  write: <T>(work: () => T, mode?: 'deferred' | 'immediate') => T;
}

/** The relay mirror's port on SQLite: each run of feed items and its cursor in one transaction. */
export function mirrorPort(d: MirrorPortDeps): MirrorPort {
  const mirror = new MirrorRepo(d.db);
  return {
    // The cursor moves in the transaction that stores what it covers: a crash leaves both or neither.
    applyEvents: (ops, cursor) =>
      d.write(() => {
        const applied = { created: 0, skipped: 0, updated: 0 };
        for (const op of ops) {
          if (op.kind === 'delivery') {
            // A teammate's replay or the relay's forward attempt: recorded once, under its event (passed over when the event is not
            // here). An attempt is known by its event, start (ms) and target: this desktop's own
            // replay coming back through the relay, or a page read again, is not recorded twice.
            if (d.recorded.hasAttempt(op.delivery)) continue;
            const id = d.recorded.record(op.delivery);
            if (id !== null) d.change('delivery.changed', String(id), d.endpointOf(op.delivery.eventId));
            continue;
          }
          if (op.kind === 'created') {
            if (mirror.hasEvent(op.event.id)) {
              applied.skipped++;
              continue;
            }
            d.events.insert(op.event);
            mirror.setState(op.event.id, op.state);
            d.change('event.created', op.event.id, op.event.endpointId);
            applied.created++;
          } else if (mirror.setState(op.eventId, op.state)) {
            d.change('event.updated', op.eventId, d.endpointOf(op.eventId));
            applied.updated++;
          }
        }
        d.settings.set(MIRROR_CURSOR_KEY, cursor);
        return applied;
      }, 'immediate'),
    applyEndpoint: (op, cursor) =>
      d.write(() => {
        if (op.kind === 'create') {
          d.endpoints.insert(op.row);
          d.endpoints.update(op.row.id, { paused: op.paused, archived: op.archived });
          d.change('endpoint.changed', op.row.id, op.row.id);
        } else if (op.kind === 'update') {
          d.endpoints.update(op.id, op.patch);
          d.change('endpoint.changed', op.id, op.id);
        } else if (op.kind === 'delete') {
          // The endpoint goes; its events stay (as for a local delete without purge).
          d.endpoints.delete(op.id);
          d.change('endpoint.changed', op.id, op.id);
        }
        d.settings.set(MIRROR_CURSOR_KEY, cursor);
      }),
    cursor: () => {
      const value = d.settings.get(MIRROR_CURSOR_KEY);
      return isMirrorCursor(value) ? value : null;
    },
    resetCursor: () => d.write(() => d.settings.delete(MIRROR_CURSOR_KEY)),
  };
}
