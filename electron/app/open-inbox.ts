import type { Clock } from '../base/clock';
import { type Logger, createLogger } from '../base/logger';
import { Inbox } from '../core/inbox';
import type { RelayConnection } from '../core/mirror';
import { RelayEndpointSet, type RemoteClaims } from '../core/remote-claims';
import type { Verifier } from '../core/verifier';
import { RelayClient } from '../mirror/relay-client';
import type { Durability } from '../store/database';
import { SqliteStore } from '../store/store';

/** How to open the local inbox. */
export interface OpenInboxOptions {
  home: string;
  clock?: Clock;
  durability?: Durability;
  verifier?: Verifier;
  log?: Logger;
  /** Start the change feed timer (off for one-shot CLI commands). */
  watch?: boolean;
  /** Decoded bytes of each body that search reads (default 1 MiB). */
  searchBytes?: number;
  /** Change-log rows kept by retention (default 50,000). */
  changeLogKeep?: number;
}

/** The composition root's one choice of store: the inbox on SQLite in the data directory. */
export function openLocalInbox(options: OpenInboxOptions): Inbox {
  const log = options.log ?? createLogger();
  const store = new SqliteStore(options.home, {
    durability: options.durability,
    clock: options.clock,
    log,
    searchBytes: options.searchBytes,
    changeLogKeep: options.changeLogKeep,
  });
  // Agents' claims on a mirrored relay's events are decided there, from any process (not just the leader's mirror).
  const relayEndpoints = new RelayEndpointSet();
  const remoteClaims = (c: RelayConnection): RemoteClaims => {
    const relay = new RelayClient(c.url, c.token);
    return {
      endpointIds: (needed) =>
        relayEndpoints.covering(
          c.url,
          needed,
          async () => new Set((await relay.endpoints()).map((e) => e.id)),
        ),
      claim: (ids, holder, seconds, actor) => relay.claim(ids, holder, seconds, actor),
      release: (ids, holder) => relay.release(ids, holder),
    };
  };
  return new Inbox({ ...options, log, store, remoteClaims });
}
