import type { Delivery, HeaderPair } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';

/** Changes applied to a stored request before it is replayed. */
export interface ReplayEdits {
  method?: string;
  /** Path and query appended to the target URL (e.g. `/webhooks?x=1`); default: the path received. */
  path?: string;
  headers?: HeaderPair[];
  body?: Uint8Array;
}

/** How to replay. */
export interface ReplayOptions {
  /** Where to send it; default: the endpoint's forward URL. */
  targetUrl?: string;
  /** Recompute the provider signature (fresh timestamp) so the receiving app's check passes after edits. */
  resign?: boolean;
  edits?: ReplayEdits;
  timeoutMs?: number;
  /** Who asked (for the log): `app`, `cli`, `agent:<name>`. */
  actor?: string;
}

/** Replays a stored event to a target and records the attempt; resolves with the finished delivery. */
export async function replayEvent(_inbox: Inbox, _eventId: string, _options: ReplayOptions = {}): Promise<Delivery> {
  throw new InboxError('unavailable', 'Replay is not available yet in this build');
}
