import type { EndpointWithSecrets, ForwardState, Verification } from '../../shared/types';
import { formatDuration } from '../base/duration';

/** Forwards not sent within this time are given up, visibly (`--forward-max-age`, default 24 h). */
export const DEFAULT_FORWARD_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Whether an event just received gets auto-forwarded: its endpoint has a forward URL, and the
 * sender was not told no (`reject_invalid` with a failed signature: the app must not act on it).
 */
export function forwardsOnArrival(
  endpoint: Pick<EndpointWithSecrets, 'forwardUrl' | 'rejectInvalid'>,
  verification: Pick<Verification, 'status'>,
): boolean {
  return endpoint.forwardUrl !== null && !(endpoint.rejectInvalid && verification.status === 'invalid');
}

/** Why a forward older than the age limit was given up, as people will read it. */
export function tooOldReason(maxAgeMs: number): string {
  return `not sent within --forward-max-age ${formatDuration(maxAgeMs)} (no leader was running to send it)`;
}

/** Where a forward stands, for people: "delivered", "retrying in 4 s", "gave up after 4 attempts: …". */
export function describeForward(state: ForwardState, now: number): string {
  const attempts = `${state.attempts} attempt${state.attempts === 1 ? '' : 's'}`;
  const why = state.reason ? `: ${state.reason}` : '';
  switch (state.stage) {
    case 'pending':
      return 'waiting to be sent';
    case 'delivering':
      return `sending (attempt ${state.attempts})`;
    case 'retrying': {
      const inMs = (state.nextAttemptAt ?? now) - now;
      const when = inMs > 0 ? `in ${Math.ceil(inMs / 1_000)} s` : 'as soon as a leader runs';
      return `retrying ${when} (after ${attempts}${why})`;
    }
    case 'delivered':
      return `delivered (${attempts})${why}`;
    case 'gave_up':
      return `gave up after ${attempts}${why}`;
  }
}
