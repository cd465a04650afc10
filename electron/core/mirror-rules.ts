/**
 * What syncs between a desktop and its relay, decided in one place: the pusher (local → relay) and
 * the follower (relay → local) both see endpoints through {@link sharedFields} and acks through
 * {@link ackFingerprint}, so a change one side made and the other applied is recognised as already
 * in sync instead of echoing back and forth.
 */
import type { Endpoint, EventSummary } from '../../shared/types';
import type { RemoteEventState } from './mirror-records';

/**
 * True when a forward target is this machine or its private network (`localhost:3000`): such a
 * forward runs on the laptop, which owns that address; the relay could not reach it.
 */
export function isLocalTarget(url: string | null): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host === '::1' || host === '0.0.0.0' || host.startsWith('fc') || host.startsWith('fd')) return true;
  const v4 = host.match(/^(\d+)\.(\d+)\.\d+\.\d+$/);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** An endpoint's fields that the relay and the desktop share (no secrets; a local forward target stays local). */
export interface SharedEndpointFields {
  label: string;
  provider: Endpoint['provider'];
  rejectInvalid: boolean;
  forwardUrl: string | null;
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
    forwardUrl: isLocalTarget(e.forwardUrl) ? null : e.forwardUrl,
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
export function remoteState(e: EventSummary): RemoteEventState {
  return {
    ackedAt: e.ackedAt,
    ackedBy: e.ackedBy,
    ackOutcome: e.ackOutcome,
    note: e.note,
    verification: e.verification,
  };
}
