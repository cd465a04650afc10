/**
 * Timestamp tolerance. Kept apart from signature matching so a stored event re-verified days
 * later still reads "signature matches, but it is old" rather than a bare failure.
 */
import type { Verification, VerifyOptions } from '../../shared/types';
import { formatDuration } from './display';

const DEFAULT_TOLERANCE_SECONDS = 300;

/** Result of a freshness check; fresh is null when not applicable or disabled. */
export interface Freshness {
  fresh: boolean | null;
  /** "2 h 3 min old (tolerance 5 min)" or "10 min in the future (tolerance 5 min)". */
  description: string | null;
}

/**
 * Tolerance in seconds from options. 0 disables the check (Stripe's SDK convention); a missing,
 * negative or non-finite value falls back to the 300 s every provider documents.
 */
export function toleranceSeconds(options: VerifyOptions | undefined): number {
  const value = options?.toleranceSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : DEFAULT_TOLERANCE_SECONDS;
}

/** Checks a signed timestamp against now, both ways: a far-future timestamp is as suspect as an old one. */
export function checkFreshness(signedAt: number | null, toleranceSec: number, now: number): Freshness {
  if (signedAt === null || toleranceSec === 0) return { fresh: null, description: null };
  const age = now - signedAt;
  const tolerance = `tolerance ${formatDuration(toleranceSec * 1000)}`;
  if (Math.abs(age) <= toleranceSec * 1000) return { fresh: true, description: null };
  const description =
    age > 0
      ? `${formatDuration(age)} old (${tolerance})`
      : `${formatDuration(-age)} in the future (${tolerance}; is a clock wrong?)`;
  return { fresh: false, description };
}

/** Parses a Unix timestamp in seconds (digits only, at most 11 of them) into ms; null when absurd. */
export function parseUnixSeconds(text: string | null | undefined): number | null {
  if (!text || !/^\d{1,11}$/.test(text.trim())) return null;
  return Number(text.trim()) * 1000;
}

/**
 * A verdict on a stored event, judged as of its arrival: the signature proves who sent it, and
 * freshness is about replay at the time it came in — so a genuine event stays `valid` however long
 * it has been stored. A live request is judged at its arrival anyway, so replays with old
 * timestamps still fail. Says how old the timestamp is now, when that is outside the tolerance.
 */
export function judgedAtReceipt(
  verdict: Verification,
  receivedAt: number,
  now: number,
  toleranceSec: number,
): Verification {
  const out: Verification = { ...verdict, checkedAt: now };
  if (verdict.signedAt === null || verdict.fresh === null) return out;
  const current = checkFreshness(verdict.signedAt, toleranceSec, now);
  if (current.fresh !== false) return out;
  const when = verdict.fresh ? 'fresh when received' : 'outside the tolerance already when received';
  const note = `Timestamp ${when} (${new Date(receivedAt).toISOString()}); it is ${current.description} now. Stored events are judged as of their arrival; a live request with an old timestamp is still refused.`;
  return {
    ...out,
    reason:
      verdict.status === 'valid'
        ? `${verdict.reason}; fresh when received (now ${current.description})`
        : verdict.reason,
    diagnostics: { ...verdict.diagnostics, hints: [...(verdict.diagnostics?.hints ?? []), note] },
  };
}
