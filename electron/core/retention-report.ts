import type { RetentionPolicy, RetentionResult } from './ports';

/** Settings key of the leader's last retention report, read by every process for status. */
export const RETENTION_REPORT_KEY = 'retention.report';

/** What the leader's last retention run did, with the budgets it applied — shown by every status face. */
export interface RetentionReport {
  at: number;
  /** Trusted events kept per endpoint (`--keep`). */
  keep: number;
  /** Untrusted events kept per endpoint (`--keep-untrusted`). */
  keepUntrusted: number;
  deleted: number;
  deletedUntrusted: number;
  /** Pending trusted events deleted beyond the ceiling (ten times `keep`). */
  deletedPending: number;
  /** Per endpoint: pending trusted events kept beyond `keep` rather than deleted. */
  keptOverLimit: { endpointId: string; count: number }[];
}

/** The report for one run. */
export function retentionReport(
  policy: RetentionPolicy,
  result: RetentionResult,
  at: number,
): RetentionReport {
  return {
    at,
    keep: policy.maxEventsPerEndpoint,
    keepUntrusted: policy.maxUntrustedPerEndpoint,
    deleted: result.deleted,
    deletedUntrusted: result.deletedUntrusted,
    deletedPending: result.deletedPending,
    keptOverLimit: result.keptOverLimit,
  };
}

/** Whether a stored value is a report (other processes may run other versions). */
export function isRetentionReport(v: unknown): v is RetentionReport {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.at === 'number' &&
    typeof o.keep === 'number' &&
    typeof o.keepUntrusted === 'number' &&
    typeof o.deleted === 'number' &&
    typeof o.deletedUntrusted === 'number' &&
    typeof o.deletedPending === 'number' &&
    Array.isArray(o.keptOverLimit)
  );
}

/** Whether two reports say the same to people (a run that changed nothing need not be announced). */
export function sameOutcome(a: RetentionReport | null, b: RetentionReport): boolean {
  if (!a || b.deleted > 0 || a.deleted > 0) return false;
  return (
    a.keep === b.keep &&
    a.keepUntrusted === b.keepUntrusted &&
    JSON.stringify(a.keptOverLimit) === JSON.stringify(b.keptOverLimit)
  );
}
