import type { AckOutcome } from '../../../shared/types';
import { type CliContext, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { openInbox } from '../open-inbox';

const OUTCOMES: readonly AckOutcome[] = ['done', 'ignored', 'failed'];

/** `hookline events ack <id>… [--outcome O] [--note N]` and `events unack <id>…`. */
export function ackEvents(args: string[], ctx: CliContext, undo: boolean): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      outcome: { type: 'string' },
      note: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const verb = undo ? 'unack' : 'ack';
  if (positionals.length === 0) throw new UsageError(`events ${verb} needs one or more event ids`);
  const outcome = OUTCOMES.find((o) => o === (values.outcome ?? 'done'));
  if (!outcome) throw new UsageError(`--outcome must be ${OUTCOMES.join(', ')}, got "${values.outcome}"`);
  if (undo && (values.outcome !== undefined || values.note !== undefined)) {
    throw new UsageError('events unack takes no --outcome or --note');
  }
  const inbox = openInbox(ctx);
  try {
    const results = undo
      ? inbox.unack(positionals).map((changed, i) => ({
          eventId: positionals[i] ?? '',
          result: changed ? 'unacked' : inbox.eventSummary(positionals[i] ?? '') ? 'not_acked' : 'not_found',
        }))
      : inbox.ack(positionals, 'cli', outcome, values.note ?? null);
    if (values.json) printJson(ctx, results);
    else for (const r of results) ctx.out(`${r.eventId}  ${r.result.replace('_', ' ')}\n`);
    // Exit 1 when an id was unknown, so scripts notice typos.
    return results.some((r) => r.result === 'not_found') ? 1 : 0;
  } finally {
    inbox.close();
  }
}
