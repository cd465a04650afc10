import { statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Change, ChangeKind } from '../../shared/changes';
import { type Clock, systemClock } from '../base/clock';
import { type Logger, silentLogger } from '../base/logger';
import type {
  ChangeSource,
  ChaosRunPort,
  DeliveryPort,
  EndpointPort,
  EventPort,
  InboxStore,
  MaintenancePort,
  MirrorPort,
  RelayTokenPort,
  SchemaPort,
  SettingsPort,
} from '../core/ports';
import { ChangeLog } from './change-log';
import { ChaosRepo } from './chaos-repo';
import { startCheckpointer } from './checkpointer';
import { DB_FILE, type Durability, openDatabase } from './database';
import { DeliveryRepo } from './delivery-repo';
import { EndpointRepo } from './endpoint-repo';
import { EventRepo } from './event-repo';
import { EventSearch } from './event-search';
import { eventTypeLister } from './event-type-list';
import { startIndexLoop } from './index-loop';
import { mirrorPort } from './mirror-port';
import { RecordedDeliveryRepo } from './recorded-delivery-repo';
import { RelayTokenRepo, relayTokenPort } from './relay-token-repo';
import { EventDeleter } from './retention';
import { schemaPort } from './schema-port';
import { SearchIndexer } from './search-index';
import { DEFAULT_SEARCH_BYTES } from './search-text';
import { SettingsRepo } from './settings-repo';

/** Options for opening a store. */
export interface StoreOptions {
  durability?: Durability;
  clock?: Clock;
  log?: Logger;
  /** Decoded bytes of each body that search reads (default 1 MiB). */
  searchBytes?: number;
  /** Change-log rows kept by retention (default 50,000): a relay feed reader further behind is told it missed some. */
  changeLogKeep?: number;
}

// The change log is read by every process a few seconds behind at most; older rows are dead weight.
const CHANGE_LOG_KEEP = 50_000;

/**
 * The inbox on SQLite: implements the core's ports. Each write commits its rows and their change-log
 * entry in one transaction (other processes see both or neither), then announces the commit so this
 * process's change feed hears it at once — no caller has to remember to.
 */
export class SqliteStore implements InboxStore {
  readonly endpoints: EndpointPort;
  readonly events: EventPort;
  readonly deliveries: DeliveryPort;
  readonly settings: SettingsPort;
  readonly changes: ChangeSource;
  readonly maintenance: MaintenancePort;
  readonly chaosRuns: ChaosRunPort;
  readonly mirror: MirrorPort;
  readonly relayTokens: RelayTokenPort;
  readonly schemas: SchemaPort;
  private readonly db: Database.Database;
  private readonly commitListeners = new Set<(written: readonly Change[]) => void>();
  /** The changes the outermost write() in progress has appended so far; null outside one. */
  private written: Change[] | null = null;

  constructor(
    readonly home: string,
    options: StoreOptions = {},
  ) {
    const db = openDatabase(home, options.durability);
    this.db = db;
    const clock = options.clock ?? systemClock;
    const endpoints = new EndpointRepo(db);
    const searchBytes = options.searchBytes ?? DEFAULT_SEARCH_BYTES;
    const indexer = new SearchIndexer(db, searchBytes);
    const events = new EventRepo(db, new EventSearch(db, indexer, searchBytes));
    const deliveries = new DeliveryRepo(db);
    const recorded = new RecordedDeliveryRepo(db);
    const settings = new SettingsRepo(db);
    const deleter = new EventDeleter(db);
    const log = new ChangeLog(db);
    const chaos = new ChaosRepo(db);
    const change = (kind: ChangeKind, ref: string | null, endpointId: string | null) => {
      const appended = log.append(kind, ref, endpointId, clock.now());
      this.written?.push(appended);
    };
    const endpointOf = (eventId: string) => events.getSummary(eventId)?.endpointId ?? null;
    const write = <T>(work: () => T): T => this.write(work);

    this.endpoints = {
      list: () => endpoints.list(),
      get: (id) => endpoints.get(id),
      find: (idOrLabel) => endpoints.find(idOrLabel),
      byLabel: (label) => endpoints.byLabel(label),
      create: (row) =>
        write(() => {
          endpoints.insert(row);
          change('endpoint.changed', row.id, row.id);
        }),
      update: (id, patch) =>
        write(() => {
          endpoints.update(id, patch);
          change('endpoint.changed', id, id);
        }),
      delete: (id, purgeEvents) => {
        // Purging runs in bounded chunks of its own, so the receiver never waits long for the lock.
        const deleted = purgeEvents ? deleter.purgeEndpoint(id) : 0;
        write(() => {
          endpoints.delete(id);
          change('endpoint.changed', id, id);
          if (deleted > 0) change('events.deleted', null, id);
        });
        return deleted;
      },
    };

    this.events = {
      commit: async (batch) =>
        this.write(() => {
          const seqs = batch.map((e) => events.insert(e));
          const created = batch.map((e) => ({ ref: e.id, endpointId: e.endpointId }));
          this.written?.push(...log.appendAll('event.created', created, clock.now()));
          return seqs;
        }, 'immediate'),
      get: (id) => events.get(id),
      summary: (id) => events.getSummary(id),
      list: (query) => events.list(query),
      search: (query) => events.searchPage(query),
      count: (query, cap) => events.count(query, cap),
      counts: () => events.counts(),
      types: eventTypeLister(db),
      // One read transaction: the counts and the change-log position come from the same snapshot,
      // so a caller adding later `event.created` changes counts each event exactly once.
      pendingByStatus: (endpointId) =>
        db.transaction(() => ({ asOf: log.latest(), byStatus: events.pendingByStatus(endpointId) }))(),
      ack: (ids, by, outcome, note, at) =>
        write(() =>
          ids.map((id) => {
            const result = events.ack(id, at, by, outcome, note);
            if (result === 'acked') change('event.updated', id, endpointOf(id));
            return result;
          }),
        ),
      unack: (ids) =>
        write(() =>
          ids.map((id) => {
            const changed = events.unack(id);
            if (changed) change('event.updated', id, endpointOf(id));
            return changed;
          }),
        ),
      claim: (ids, holder, until, now) =>
        write(() =>
          ids.map((id) => {
            const won = events.claim(id, holder.by, holder.session, until, now);
            if (won) change('event.updated', id, endpointOf(id));
            return won;
          }),
        ),
      release: (ids, session) =>
        write(() =>
          ids.map((id) => {
            const released = events.release(id, session);
            if (released) change('event.updated', id, endpointOf(id));
            return released;
          }),
        ),
      releaseAll: (session) =>
        write(() => {
          const ids = events.heldBy(session);
          for (const id of ids) if (events.release(id, session)) change('event.updated', id, endpointOf(id));
          return ids;
        }),
      setVerification: (id, verification) =>
        write(() => {
          events.setVerification(id, verification);
          change('event.updated', id, endpointOf(id));
        }),
      recentAcksBy: (actor, limit) => events.recentAcksBy(actor, limit),
      enforceRetention: (policy, plans, now) => {
        const result = deleter.enforce(policy, plans, now);
        if (result.deleted > 0) write(() => change('events.deleted', null, null));
        log.prune(options.changeLogKeep ?? CHANGE_LOG_KEEP);
        return result;
      },
    };

    this.deliveries = {
      start: (d) =>
        write(() => {
          const id = deliveries.start(d);
          change('delivery.changed', String(id), endpointOf(d.eventId));
          // A forward attempt moves the event's forward state too (a relay's feed carries it as event.updated).
          if (d.kind === 'forward') change('event.updated', d.eventId, endpointOf(d.eventId));
          return id;
        }),
      finish: (id, outcome) =>
        write(() => {
          deliveries.finish(id, outcome);
          const eventId = deliveries.get(id)?.eventId;
          change('delivery.changed', String(id), eventId ? endpointOf(eventId) : null);
          if (eventId && outcome.forward) change('event.updated', eventId, endpointOf(eventId));
        }),
      record: (d) =>
        write(() => {
          const id = recorded.record(d);
          if (id !== null) change('delivery.changed', String(id), endpointOf(d.eventId));
          return id;
        }),
      get: (id) => deliveries.get(id),
      forEvent: (eventId) => deliveries.forEvent(eventId),
      attemptsForEvent: (eventId, limit) => deliveries.attemptsForEvent(eventId, limit),
      lastForwards: (eventIds) => deliveries.lastForwards(eventIds),
      openForwards: () => deliveries.openForwards(),
      forwardsHere: (eventId) => deliveries.forwardsHere(eventId),
      giveUpForward: (eventId, reason) =>
        write(() => {
          if (deliveries.giveUpForward(eventId, reason))
            change('event.updated', eventId, endpointOf(eventId));
        }),
      forwardTally: () => deliveries.forwardTally(),
    };

    this.settings = {
      get: (key) => settings.get(key),
      withPrefix: (prefix) => settings.withPrefix(prefix),
      set: (key, value, kind) =>
        write(() => {
          settings.set(key, value);
          change(kind, key, null);
        }),
      delete: (key, kind) =>
        write(() => {
          settings.delete(key);
          change(kind, key, null);
        }),
      // IMMEDIATE: take the write lock before reading, so no other process can claim in between.
      claim: (key, value, kind, canReplace) =>
        this.write(() => {
          if (!canReplace(settings.get(key))) return false;
          settings.set(key, value);
          change(kind, key, null);
          return true;
        }, 'immediate'),
    };

    this.changes = {
      since: (id, limit) => log.since(id, limit),
      latest: () => log.latest(),
      floor: () => log.floor(),
      onCommit: (listener) => {
        this.commitListeners.add(listener);
        return () => this.commitListeners.delete(listener);
      },
    };

    this.chaosRuns = {
      save: (run) =>
        write(() => {
          chaos.insert(run);
          change('chaos.changed', run.id, null);
        }),
      get: (id) => chaos.get(id),
      list: (limit) => chaos.list(limit),
    };

    this.mirror = mirrorPort({
      db,
      events,
      endpoints,
      recorded,
      settings,
      change,
      endpointOf,
      write: (work, mode) => this.write(work, mode),
    });
    this.relayTokens = relayTokenPort(new RelayTokenRepo(db));
    this.schemas = schemaPort({
      db,
      now: () => clock.now(),
      change,
      write,
      // The checker's results commit in a transaction of their own, then are announced like every write.
      announce: () => this.announce([]),
    });

    this.maintenance = {
      sizeOnDisk: () => this.sizeOnDisk(),
      integrityCheck: () => String(db.pragma('integrity_check', { simple: true })),
      startCheckpoints: () => startCheckpointer(db, options.log ?? silentLogger),
      startIndexing: () =>
        startIndexLoop(indexer, options.log ?? silentLogger, () =>
          write(() => change('search.indexed', null, null)),
        ),
      indexNow: () => {
        let total = 0;
        for (let n = indexer.step(50); n > 0; n = indexer.step(50)) total += n;
        return total;
      },
      close: () => {
        if (db.open) db.close();
      },
    };
  }

  /** Runs one write transaction, then tells the commit listeners (after the commit, never inside it). */
  private write<T>(work: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
    const tx = this.db.transaction(work);
    // Only the outermost write collects its changes to hand over: a nested one is not committed yet.
    const outermost = this.written === null && !this.db.inTransaction;
    if (outermost) this.written = [];
    let written: Change[] = [];
    let result: T;
    try {
      result = mode === 'immediate' ? tx.immediate() : tx();
      if (outermost) written = this.written ?? [];
    } finally {
      if (outermost) this.written = null;
    }
    this.announce(written);
    return result;
  }

  /** Tells the commit listeners; `written` are the changes of the commit when known (else they read the log). */
  private announce(written: readonly Change[]): void {
    for (const listener of this.commitListeners) listener(written);
  }

  private sizeOnDisk(): number {
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
}
