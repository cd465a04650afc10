import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { InboxError } from '../core/errors';
import type { RelayStore } from '../core/relay-ports';
import { EmbeddedRelayStore } from '../relay/embedded-store';
import type { Durability } from '../store/database';
import { openPostgresRelayStore } from '../store/postgres';
import { openLocalInbox } from './open-inbox';

/** Where a relay keeps its inbox. */
export interface OpenRelayStoreOptions {
  /** `postgres://…` (several relay processes share it); absent: SQLite in `home`. */
  database?: string;
  /** The relay's data directory (HOOKLINE_HOME), for the embedded store. */
  home: string;
  durability?: Durability;
  clock?: Clock;
  log?: Logger;
  /** For the running relay (not a one-shot command): background work such as WAL checkpoints. */
  serving?: boolean;
  /** Embedded store: feed (change-log) rows kept by retention (default 50,000). */
  changeLogKeep?: number;
}

/** True for a PostgreSQL connection URL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The composition root's one choice of relay store: SQLite in the data directory (one relay
 * process), or PostgreSQL with `--database postgres://…` (several relay processes on one database).
 */
export async function openRelayStore(options: OpenRelayStoreOptions): Promise<RelayStore> {
  const { database } = options;
  if (database === undefined) {
    const inbox = openLocalInbox({
      home: options.home,
      durability: options.durability,
      clock: options.clock,
      log: options.log,
      changeLogKeep: options.changeLogKeep,
      watch: true,
    });
    return new EmbeddedRelayStore(inbox, { serving: options.serving });
  }
  if (!isPostgresUrl(database))
    throw new InboxError(
      'invalid',
      `--database must be a PostgreSQL URL (postgres://user:password@host:5432/db), got "${database.replace(/\/\/[^@/]*@/, '//…@')}"`,
      { field: 'database' },
    );
  return openPostgresRelayStore(database, { clock: options.clock });
}
