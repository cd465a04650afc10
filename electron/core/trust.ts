import type { Endpoint, EventSummary, VerificationStatus } from '../../shared/types';

/** Verdicts handed to agents by default on an endpoint that has a secret: only proven ones. */
export const TRUSTED_WITH_SECRET: VerificationStatus[] = ['valid'];

/**
 * Verdicts handed to agents by default on an endpoint without a secret: nothing can be proven there,
 * so "unsigned" — and "no_secret" (a signature we cannot check) — are unsigned by design.
 */
export const TRUSTED_WITHOUT_SECRET: VerificationStatus[] = ['valid', 'unsigned', 'no_secret'];

/** The verdicts trusted on this endpoint. */
export function trustedStatuses(endpoint: Pick<Endpoint, 'secretCount'> | null): VerificationStatus[] {
  return endpoint && endpoint.secretCount > 0 ? TRUSTED_WITH_SECRET : TRUSTED_WITHOUT_SECRET;
}

/** Whether an event is handed to agents by default (events of unregistered endpoints never are). */
export function isTrusted(event: EventSummary, endpoint: Pick<Endpoint, 'secretCount'> | null): boolean {
  return endpoint !== null && trustedStatuses(endpoint).includes(event.verification.status);
}
