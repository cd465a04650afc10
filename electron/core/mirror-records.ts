/** The records the mirror port takes: relay feed items turned into local writes (see mirror.ts). */
import type { AckOutcome, EventClaim, ForwardState, Verification } from '../../shared/types';
import type { EndpointPatch, NewEndpointRow, NewEvent, RecordedDelivery } from './port-records';

/** An event's state as the relay holds it: the local row takes it as is (the relay is the truth). */
export interface RemoteEventState {
  ackedAt: number | null;
  ackedBy: string | null;
  ackOutcome: AckOutcome | null;
  note: string | null;
  verification: Verification;
  /** A claim taken on the relay (null: none there; local agents' own claims are kept). */
  claim: EventClaim | null;
  /** The claim is one of this inbox's agents' (its local session), taken on the relay for it. */
  claimIsLocal: boolean;
  /** The relay's forward state, taken where the relay forwards the event (absent: the local state stays). */
  forward?: ForwardState | null;
}

/** One event item of the relay feed, ready to write. */
export type MirrorEventOp =
  /** Store it unless an event with its id is stored already (a replayed page must not duplicate). */
  | { kind: 'created'; event: NewEvent; state: RemoteEventState }
  /** Take the relay's ack, note and verdict (skipped when the event is not stored here). */
  | { kind: 'updated'; eventId: string; state: RemoteEventState }
  /** Record a replay made on another desktop (once; skipped when its event is not stored here). */
  | { kind: 'delivery'; delivery: RecordedDelivery };

/** One endpoint item of the relay feed, decided against the local row (secrets never come from the relay). */
export type MirrorEndpointOp =
  | { kind: 'create'; row: NewEndpointRow; paused: boolean; archived: boolean }
  | { kind: 'update'; id: string; patch: EndpointPatch }
  | { kind: 'delete'; id: string }
  | { kind: 'none' };

/** Where the mirror stands in a relay's feed: saved in the same transaction as the items it covers. */
export interface MirrorCursor {
  /** The relay's base URL (a cursor belongs to one relay). */
  url: string;
  /** The last feed id applied. */
  cursor: number;
}

/** What applying a run of event items did. */
export interface MirrorApplied {
  /** Events stored now. */
  created: number;
  /** Events already stored (skipped: a page read again after a crash). */
  skipped: number;
  /** Events whose state was taken from the relay. */
  updated: number;
}
