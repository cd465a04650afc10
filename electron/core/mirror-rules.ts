/**
 * What syncs between a desktop and its relay, decided in one place: the pusher (local → relay) and
 * the follower (relay → local) both see endpoints through {@link sharedFields} and acks through
 * {@link ackFingerprint}, so a change one side made and the other applied is recognised as already
 * in sync instead of echoing back and forth.
 */
import type { Endpoint, EventSummary } from '../../shared/types';
import type { RemoteEventState } from './mirror-records';
import { ownSession } from './remote-claims';

/**
 * An endpoint's fields that the relay and the desktop share. Not secrets (the relay never sends
 * them), and not the forward URL: the relay runs no forwarder, each desktop forwards what it mirrors
 * to its own target (its localhost), so a teammate's target must not become everyone's.
 */
export interface SharedEndpointFields {
  label: string;
  provider: Endpoint['provider'];
  rejectInvalid: boolean;
  response: Endpoint['response'];
  verify: Endpoint['verify'];
  paused: boolean;
  archived: boolean;
}

/** The shared part of an endpoint, as the relay should hold it. */
export function sharedFields(e: Endpoint): SharedEndpointFields {
  return {
    label: e.label,
    provider: e.provider,
    rejectInvalid: e.rejectInvalid,
    response: e.response,
    verify: e.verify,
    paused: e.paused,
    archived: e.archived,
  };
}

/** An event's ack state as a stable text: equal texts mean nothing to sync. */
export function ackFingerprint(e: Pick<EventSummary, 'ackedAt' | 'ackedBy' | 'ackOutcome' | 'note'>): string {
  return JSON.stringify([e.ackedAt, e.ackedBy, e.ackOutcome, e.note]);
}

/** The relay's state of an event, as the local row takes it. */
export function remoteState(e: EventSummary, holderPrefix: string): RemoteEventState {
  const own = e.claim ? ownSession(e.claim.session, holderPrefix) : null;
  return {
    ackedAt: e.ackedAt,
    ackedBy: e.ackedBy,
    ackOutcome: e.ackOutcome,
    note: e.note,
    verification: e.verification,
    claim: e.claim && own !== null ? { ...e.claim, session: own } : e.claim,
    claimIsLocal: own !== null,
  };
}
