import type { ApiEndpoint, ApiEvent } from '../../../shared/api';
import { readPref, writePref } from './prefs';

/**
 * Whether "Re-sign" starts ticked: only when re-signing can work — the event has a signing scheme (its
 * verdict's, else the endpoint's provider, as the replayer picks it) and the endpoint has a secret.
 */
export function resignByDefault(
  event: Pick<ApiEvent, 'verification'>,
  endpoint: Pick<ApiEndpoint, 'provider' | 'secretCount'> | undefined,
): boolean {
  if (!endpoint || endpoint.secretCount === 0) return false;
  const scheme = event.verification.scheme ?? (endpoint.provider === 'auto' ? null : endpoint.provider);
  return scheme !== null && scheme !== 'auto';
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The target URL last replayed to from this endpoint's events (in this browser), else ''. */
export function lastReplayTarget(endpointId: string): string {
  return readPref(`replayTarget.${endpointId}`, isString, '');
}

/** Remembers the target URL of a replay for the next event of the same endpoint. */
export function rememberReplayTarget(endpointId: string, url: string): void {
  writePref(`replayTarget.${endpointId}`, url);
}
