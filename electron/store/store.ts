import { statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ChangeKind } from '../../shared/changes';
import type { ChaosRun } from '../../shared/chaos';
import type { AckOutcome, Verification } from '../../shared/types';
import { type Clock, systemClock } from '../core/clock';
import { ChangeLog } from './change-log';
import { ChaosRepo } from './chaos-repo';
import { DB_FILE, type Durability, openDatabase } from './database';
import { type DeliveryOutcome, DeliveryRepo, type NewDelivery } from './delivery-repo';
import { type EndpointPatch, EndpointRepo, type NewEndpointRow } from './endpoint-repo';
import { type AckResult, EventRepo, type NewEvent } from './event-repo';
import { DEFAULT_RETENTION, EventDeleter, type RetentionPolicy } from './retention';
import { SettingsRepo } from './settings-repo';

/** Options for opening a store. */
export interface StoreOptions {
  durability?: Durability;
  clock?: Clock;
}

/**
 * The inbox database. Reads go straight to the repos; every write goes through a method here,
 * which commits the row and its change-log entry in one transaction so other processes see both or neither.
 */
export class Store {
  readonly db: Database.Database;
  readonly endpoints: EndpointRepo;
  readonly events: EventRepo;
  readonly deliveries: DeliveryRepo;
  readonly settings: SettingsRepo;
  readonly changes: ChangeLog;
  readonly chaosRuns: ChaosRepo;
  private readonly deleter: EventDeleter;
  private readonly clock: Clock;

  constructor(
    readonly home: string,
    options: StoreOptions = {},
  ) {
    this.db = openDatabase(home, options.durability);
    this.clock = options.clock ?? systemClock;
    this.endpoints = new EndpointRepo(this.db);
    this.events = new EventRepo(this.db);
    this.deliveries = new DeliveryRepo(this.db);
    this.settings = new SettingsRepo(this.db);
    this.changes = new ChangeLog(this.db);
    this.chaosRuns = new ChaosRepo(this.db);
    this.deleter = new EventDeleter(this.db);
  }

  private change(kind: ChangeKind, ref: string | null, endpointId: string | null): void {
    this.changes.append(kind, ref, endpointId, this.clock.now());
  }

  /** Commits a batch of events in one transaction (one fsync); returns their seqs in order. */
  insertEvents(batch: NewEvent[]): number[] {
    return this.db
      .transaction(() =>
        batch.map((e) => {
          const seq = this.events.insert(e);
          this.change('event.created', e.id, e.endpointId);
          return seq;
        }),
      )
      .immediate();
  }

  /** Saves a finished chaos run. */
  saveChaosRun(run: ChaosRun): void {
    this.db.transaction(() => {
      this.chaosRuns.insert(run);
      this.change('chaos.changed', run.id, null);
    })();
  }

  /** Creates an endpoint row. */
  createEndpoint(row: NewEndpointRow): void {
    this.db.transaction(() => {
      this.endpoints.insert(row);
      this.change('endpoint.changed', row.id, row.id);
    })();
  }

  /** Updates an endpoint row. */
  updateEndpoint(id: string, patch: EndpointPatch): void {
    this.db.transaction(() => {
      this.endpoints.update(id, patch);
      this.change('endpoint.changed', id, id);
    })();
  }

  /** Deletes an endpoint; with purge its events go too (returns how many were deleted). */
  deleteEndpoint(id: string, purge: boolean): number {
    const deleted = purge ? this.deleter.purgeEndpoint(id) : 0;
    this.db.transaction(() => {
      this.endpoints.delete(id);
      this.change('endpoint.changed', id, id);
      if (deleted > 0) this.change('events.deleted', null, id);
    })();
    return deleted;
  }

  /** Acks events; one result per id, in order. */
  ack(ids: string[], by: string, outcome: AckOutcome, note: string | null): AckResult[] {
    const at = this.clock.now();
    return this.db.transaction(() =>
      ids.map((id) => {
        const result = this.events.ack(id, at, by, outcome, note);
        if (result === 'acked')
          this.change('event.updated', id, this.events.getSummary(id)?.endpointId ?? null);
        return result;
      }),
    )();
  }

  /** Returns events to pending; one boolean per id (false: was not acked or unknown). */
  unack(ids: string[]): boolean[] {
    return this.db.transaction(() =>
      ids.map((id) => {
        const changed = this.events.unack(id);
        if (changed) this.change('event.updated', id, this.events.getSummary(id)?.endpointId ?? null);
        return changed;
      }),
    )();
  }

  /** Stores a re-computed verification verdict. */
  setVerification(id: string, endpointId: string, v: Verification): void {
    this.db.transaction(() => {
      this.events.setVerification(id, v);
      this.change('event.updated', id, endpointId);
    })();
  }

  /** Records the start of a delivery attempt. */
  startDelivery(d: NewDelivery, endpointId: string | null): number {
    return this.db.transaction(() => {
      const id = this.deliveries.start(d);
      this.change('delivery.changed', String(id), endpointId);
      return id;
    })();
  }

  /** Records how a delivery attempt ended. */
  finishDelivery(id: number, o: DeliveryOutcome, endpointId: string | null): void {
    this.db.transaction(() => {
      this.deliveries.finish(id, o);
      this.change('delivery.changed', String(id), endpointId);
    })();
  }

  /** Writes a runtime/setting value and announces it. */
  setSetting(key: string, value: unknown, kind: ChangeKind = 'runtime.changed'): void {
    this.db.transaction(() => {
      this.settings.set(key, value);
      this.change(kind, key, null);
    })();
  }

  /** Removes a runtime/setting value and announces it. */
  deleteSetting(key: string, kind: ChangeKind = 'runtime.changed'): void {
    this.db.transaction(() => {
      this.settings.delete(key);
      this.change(kind, key, null);
    })();
  }

  /** Applies the retention policy to every endpoint that has events; prunes the change log. */
  enforceRetention(policy: RetentionPolicy = DEFAULT_RETENTION): number {
    const ids = [...this.events.counts().entries()]
      .filter(([, c]) => c.total > policy.maxEventsPerEndpoint)
      .map(([id]) => id);
    const deleted = this.deleter.enforce(policy, ids, this.clock.now());
    if (deleted > 0) this.db.transaction(() => this.change('events.deleted', null, null))();
    this.changes.prune(50_000);
    return deleted;
  }

  /** Size of the database and its WAL on disk, bytes. */
  sizeOnDisk(): number {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(join(this.home, DB_FILE + suffix)).size;
      } catch {
        // The WAL may not exist right after a checkpoint.
      }
    }
    return total;
  }

  /** SQLite's own consistency check: "ok" when the file is sound. */
  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
