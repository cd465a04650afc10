/** How an Inbox is put together, and the records its acks report (kept apart from the facade). */
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { RelayConnection } from './mirror';
import type { AckResult, InboxStore } from './ports';
import type { RemoteClaims } from './remote-claims';
import type { Verifier } from './verifier';

/** What an inbox is made of (the composition root, app/open-inbox.ts, picks the store). */
export interface InboxOptions {
  /** The data directory (shown to people; the store knows where its files are). */
  home: string;
  store: InboxStore;
  clock?: Clock;
  verifier?: Verifier;
  log?: Logger;
  /** Start the change feed timer (off for one-shot CLI commands). */
  watch?: boolean;
  /** The relay's claim API for a saved connection (absent: agents' claims stay local). */
  remoteClaims?: (connection: RelayConnection) => RemoteClaims;
}

/** Per-id result of an ack. */
export interface AckReport {
  eventId: string;
  result: AckResult;
}
