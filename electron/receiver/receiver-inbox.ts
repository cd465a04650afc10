import type { EndpointWithSecrets, RuntimeInfo } from '../../shared/types';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { NewEvent } from '../core/ports';
import type { Verifier } from '../core/verifier';

/**
 * What the receiver needs from whatever stores its events: the desktop's Inbox facade satisfies it
 * unchanged, and so does a relay's inbox over its RelayStore. Narrow on purpose, so the same
 * capture code (limits, handshakes, custom responses, 413/404/503) serves both.
 */
export interface ReceiverInbox {
  readonly clock: Clock;
  readonly verifier: Verifier;
  readonly log: Logger;
  /**
   * The endpoint behind `/h/<id>`, with its secrets; null when unknown. Known endpoints must come
   * from memory (the hot path never waits on a network); a promise is allowed for a miss only.
   */
  endpointById(id: string): EndpointWithSecrets | null | Promise<EndpointWithSecrets | null>;
  /** Runtime facts the signed URL is built from (public base URL, local URL). */
  runtime(): RuntimeInfo;
  /** Commits one batch in one transaction; resolves with the seqs once durable, or rejects with none stored. */
  commitEvents(batch: NewEvent[]): Promise<number[]>;
  /** An opaque identity of this inbox for `/healthz` (never a path or a pid). */
  dataDirId(): string;
}
