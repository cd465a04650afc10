import type Database from 'better-sqlite3';
import type { ChangeKind } from '../../shared/changes';
import type { SchemaPort } from '../core/ports';
import { SchemaCheckQueue } from './schema-checker';
import { SchemaRepo } from './schema-repo';

/** What the schema port needs from the store it lives in. */
export interface SchemaPortDeps {
  db: Database.Database;
  now: () => number;
  /** Records a change-log row (inside the current write). */
  change: (kind: ChangeKind, ref: string | null, endpointId: string | null) => void;
  /** Runs work in one write transaction, announced on commit. */
  write: <T>(work: () => T) => T;
  /** Tells the store's commit listeners about a commit made outside `write`. */
  announce: () => void;
}

/** Schemas attached to endpoints and the background check's batches, on SQLite. */
export function schemaPort({ db, now, change, write, announce }: SchemaPortDeps): SchemaPort {
  const schemaRepo = new SchemaRepo(db);
  const checks = new SchemaCheckQueue(db, schemaRepo, now, {
    eventUpdated: (eventId, endpointId) => change('event.updated', eventId, endpointId),
    checked: (endpointId) => change('schema.checked', null, endpointId),
  });
  return {
    attached: (endpointId) => schemaRepo.forEndpoint(endpointId),
    attach: (schema) =>
      write(() => {
        const total = schemaRepo.attach(schema);
        change('schema.checked', null, schema.endpointId);
        return total;
      }),
    detach: (endpointId, eventType) =>
      write(() => {
        const removed = schemaRepo.detach(endpointId, eventType);
        if (removed) {
          schemaRepo.recheck(endpointId);
          change('schema.checked', null, endpointId);
        }
        return removed;
      }),
    progress: () => schemaRepo.progress(),
    nextChecks: (maxEvents, maxBytes) => checks.next(maxEvents, maxBytes),
    // Its own transaction (with a guard against being overtaken), then announced like every write.
    storeChecks: (batch, outcomes) => {
      const stored = checks.store(batch, outcomes);
      if (stored) announce();
      return stored;
    },
  };
}
