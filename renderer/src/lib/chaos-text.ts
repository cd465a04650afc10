import type { ChaosFlag, ChaosOptions, ChaosRunSummary } from '../../../shared/chaos';

/** Each flag in a few words, as a badge says it. */
export const FLAG_LABEL: Record<ChaosFlag, string> = {
  non_2xx_to_valid: 'non-2xx to a valid event',
  timeout: 'too slow (sender retries)',
  send_error: 'could not send',
  duplicate_5xx: '5xx on a duplicate',
  duplicate_answered_differently: 'duplicate answered differently',
};

/** The options of a run on one line, as `hookline chaos` would take them. */
export function chaosOptionsText(o: ChaosOptions): string {
  return [
    `${o.eventIds.length} events`,
    o.duplicates > 0 ? `duplicates ${Math.round(o.duplicates * 100)}%` : null,
    o.reorder ? 'reordered' : null,
    o.burst > 1 ? `bursts of ${o.burst}` : null,
    o.delayMs[1] > 0 ? `delay ${o.delayMs[0]}–${o.delayMs[1]} ms` : null,
    `seed ${o.seed}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** How many steps of a run carry any flag. */
export function flaggedTotal(run: Pick<ChaosRunSummary, 'flagCounts'>): number {
  return Object.values(run.flagCounts).reduce((n, c) => n + (c ?? 0), 0);
}
