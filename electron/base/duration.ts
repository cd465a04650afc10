const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration like `90s`, `30m`, `24h` or `7d` into ms; null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN);
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** A duration for people, in its largest whole unit: `7d`, `24h`, `90m`, `45s`, `250ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit] ?? 1;
    // "24h" reads better than "1d": days only from two on.
    const least = unit === 'd' ? 2 * size : size;
    if (ms >= least && ms % size === 0) return `${ms / size}${unit}`;
  }
  return ms >= 1_000 ? `${Math.round(ms / 1_000)}s` : `${ms}ms`;
}
