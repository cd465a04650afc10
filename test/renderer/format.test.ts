import { describe, expect, it } from 'vitest';
import { formatIn, formatRowTime, plural } from '../../renderer/src/lib/format';

describe('how the GUI writes numbers and times', () => {
  const now = new Date(2026, 11, 1, 15, 30).getTime();

  it('shows the clock for today, the day for earlier this year, the date for older rows', () => {
    expect(formatRowTime(new Date(2026, 11, 1, 9, 5, 7, 42).getTime(), now)).toBe('09:05:07.042');
    expect(formatRowTime(new Date(2026, 10, 29, 14, 3).getTime(), now)).toBe('Nov 29 14:03');
    expect(formatRowTime(new Date(2025, 0, 2, 8, 0).getTime(), now)).toBe('2025-01-02');
  });

  it('counts with thousands separators and the right noun', () => {
    expect(plural(1, 'key')).toBe('1 key');
    expect(plural(0, 'key')).toBe('0 keys');
    expect(plural(6000, 'event')).toBe('6,000 events');
  });

  it('says when a retry is due', () => {
    expect(formatIn(now + 4200, now)).toBe('in 5 s');
    expect(formatIn(now + 125_000, now)).toBe('in 3 min');
    expect(formatIn(now - 10, now)).toBe('now');
  });
});
