import type { Endpoint } from '../../shared/types';

/** How long an expired endpoint (answering 410 Gone) and its events stay readable before removal. */
export const EXPIRY_GRACE_MS = 24 * 60 * 60 * 1000;

/** The grace period: `HOOKLINE_EXPIRY_GRACE_MS` when set (tests, short-lived setups), else 24 h. */
export function expiryGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HOOKLINE_EXPIRY_GRACE_MS;
  const ms = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : EXPIRY_GRACE_MS;
}

/** Whether an endpoint has expired (it answers 410 Gone). */
export function isExpired(endpoint: Pick<Endpoint, 'expiresAt'>, now: number): boolean {
  return endpoint.expiresAt !== null && endpoint.expiresAt <= now;
}
