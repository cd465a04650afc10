import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS, type SendResult } from './http-send';

/** How auto-forwarding retries: the policy webhook senders use. */
export interface RetryPolicy {
  /** Wait before retry n (index n-1), ms; its length is the number of retries. */
  backoffMs: number[];
  /** Per-attempt timeout, ms. */
  timeoutMs: number;
}

/** 3 retries after 2 s, 4 s and 8 s; 30 s per attempt. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  backoffMs: [2_000, 4_000, 8_000],
  timeoutMs: DEFAULT_TIMEOUT_MS,
};

const backoffList = z
  .string()
  .transform((text) => (text.trim() === '' ? [] : text.split(',').map((part) => Number(part.trim()))))
  .pipe(z.array(z.number().int().min(0).max(86_400_000)).max(20));
const timeout = z.coerce.number().int().min(1).max(600_000);

/**
 * The policy from the environment, for tests and power users:
 * `HOOKLINE_FORWARD_BACKOFF_MS=50,100,200` (one delay per retry; empty = no retries) and
 * `HOOKLINE_FORWARD_TIMEOUT_MS=500`. Bad values are reported, not silently ignored.
 */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY };
  const backoff = env.HOOKLINE_FORWARD_BACKOFF_MS;
  if (backoff !== undefined) {
    const parsed = backoffList.safeParse(backoff);
    if (!parsed.success)
      throw new Error(
        `HOOKLINE_FORWARD_BACKOFF_MS must be comma-separated milliseconds like "2000,4000,8000", got "${backoff}"`,
      );
    policy.backoffMs = parsed.data;
  }
  const ms = env.HOOKLINE_FORWARD_TIMEOUT_MS;
  if (ms !== undefined) {
    const parsed = timeout.safeParse(ms);
    if (!parsed.success)
      throw new Error(`HOOKLINE_FORWARD_TIMEOUT_MS must be milliseconds between 1 and 600000, got "${ms}"`);
    policy.timeoutMs = parsed.data;
  }
  return policy;
}

/** Retry on connection errors, timeouts and 5xx; never on 2xx–4xx (a 4xx means the app rejected it). */
export function shouldRetry(result: SendResult): boolean {
  return !result.ok || result.response.status >= 500;
}

/** The wait before the next attempt after attempt `attempt` (1-based), or null when none is left. */
export function nextDelay(policy: RetryPolicy, attempt: number): number | null {
  return policy.backoffMs[attempt - 1] ?? null;
}

const perTarget = z.coerce.number().int().min(1).max(256);

/**
 * Sends in flight per forward target from `HOOKLINE_FORWARD_PER_TARGET` (1–256), or undefined for
 * the default. Bad values are reported, not silently ignored.
 */
export function perTargetFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.HOOKLINE_FORWARD_PER_TARGET;
  if (value === undefined) return undefined;
  const parsed = perTarget.safeParse(value);
  if (!parsed.success)
    throw new Error(`HOOKLINE_FORWARD_PER_TARGET must be a whole number from 1 to 256, got "${value}"`);
  return parsed.data;
}
