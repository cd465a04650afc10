/** What the pusher compares and how it words things for the relay (pure helpers of pusher.ts). */
import { createHash } from 'node:crypto';
import type { EventSummary } from '../../shared/types';
import { type SharedEndpointFields, ackFingerprint } from '../core/mirror-rules';
import type { RelayEndpointBody } from './relay-client';

/** A hash of an endpoint's secrets (to know whether they changed since sent). */
export function secretsHash(secrets: string[]): string {
  return createHash('sha256').update(JSON.stringify(secrets)).digest('hex');
}

/** True for an actor as the relay records it (`alice/app`), not one of ours (`app`, `cli`, `agent:<client>`). */
export function isRelayActor(actor: string | null): boolean {
  if (!actor) return false;
  const slash = actor.indexOf('/');
  return slash > 0 && !actor.startsWith('agent:');
}

/** A local actor in the characters the relay accepts (letters, digits, space and . _ : @ -, at most 64). */
export function relayActor(actor: string): string {
  return actor.replace(/[^\p{L}\p{N} ._:@-]/gu, '-').slice(0, 64) || 'app';
}

export function ackState(e: EventSummary): { fingerprint: string; acked: boolean } {
  return { fingerprint: ackFingerprint(e), acked: e.ackedAt !== null };
}

/** The fields of `local` that differ from what the relay holds (a "(relay)" label suffix given locally is not a change). */
export function changedFields(local: SharedEndpointFields, relay: SharedEndpointFields): RelayEndpointBody {
  const out: RelayEndpointBody = {};
  const keys = Object.keys(local) as (keyof SharedEndpointFields)[];
  for (const key of keys) {
    if (JSON.stringify(local[key]) === JSON.stringify(relay[key])) continue;
    if (key === 'label' && local.label.startsWith(`${relay.label.slice(0, 50)} (relay`)) continue;
    Object.assign(out, { [key]: local[key] });
  }
  return out;
}
