import type { EventSummary } from '../../shared/types';

/** Formats bytes for people: 512 B, 1.5 KiB, 3.2 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Pads columns of a table of strings. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** One line per event for `events list` and `events tail`. */
export function eventLine(e: EventSummary, label: string): string[] {
  const time = new Date(e.receivedAt).toISOString().replace('T', ' ').slice(0, 19);
  const target = `${e.path || '/'}${e.query ? `?${e.query}` : ''}`;
  const ack = e.ackedAt ? `acked by ${e.ackedBy}` : 'pending';
  // A handshake Hookline answered by itself is not a delivery to handle: say so in the list.
  const status = e.handshake ? `${ack} (${e.handshake} answered)` : ack;
  return [time, e.id, label, e.method, target, formatBytes(e.bodySize), e.verification.status, status];
}
