import { formatBytes } from '../../shared/format';
import type { EventSummary } from '../../shared/types';
import { terminalLine } from '../core/terminal-text';

export { formatBytes } from '../../shared/format';

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

/** Column titles matching {@link eventLine}. */
export const EVENT_COLUMNS = [
  'TIME (UTC)',
  'ID',
  'ENDPOINT',
  'METHOD',
  'PATH',
  'TYPE',
  'SIZE',
  'SIGNATURE',
  'STATUS',
];

/** One line per event for `events list` and `events tail` (payload-derived cells kept on one line). */
export function eventLine(e: EventSummary, label: string): string[] {
  const time = new Date(e.receivedAt).toISOString().replace('T', ' ').slice(0, 19);
  const target = `${e.path || '/'}${e.query ? `?${e.query}` : ''}`;
  const ack = e.ackedAt ? `acked by ${e.ackedBy}` : 'pending';
  // A handshake Hookline answered by itself is not a delivery to handle: say so in the list.
  const answered = e.handshake ? `${ack} (${e.handshake} answered)` : ack;
  const status = e.schemaViolations ? `${answered}, ${e.schemaViolations} schema violation(s)` : answered;
  return [
    time,
    e.id,
    terminalLine(label),
    e.method,
    terminalLine(target),
    terminalLine(e.providerEventType ?? '-'),
    formatBytes(e.bodySize),
    e.verification.status,
    terminalLine(status),
  ];
}
