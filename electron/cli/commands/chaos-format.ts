import type { ChaosFlag, ChaosRun, ChaosRunSummary, ChaosStep } from '../../../shared/chaos';
import { table } from '../format';

const FLAG_TEXT: Record<ChaosFlag, string> = {
  non_2xx_to_valid:
    'a correctly signed event was not answered 2xx (the sender retries, then disables the endpoint)',
  timeout: "no answer within the provider's timeout (the sender gives up and retries)",
  send_error: 'could not connect, or the connection broke',
  duplicate_5xx: 'a duplicate delivery got a 5xx (the handler fails on redelivery)',
  duplicate_answered_differently:
    'a duplicate was answered 2xx but differently from its first copy: was it processed twice?',
};

function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function kind(step: ChaosStep): string {
  return step.copyOf === null ? step.kind : `${step.kind} of #${step.copyOf}`;
}

function answer(step: ChaosStep): string {
  return step.status === null
    ? `failed: ${oneLine(step.error ?? '')}`
    : `${step.status} ${oneLine(step.answer, 40)}`;
}

/** A run for people: every step, duplicates side by side, what looks wrong, and how to repeat it. */
export function formatRun(run: ChaosRun): string {
  const o = run.options;
  const lines = [
    `Chaos run ${run.id} → ${o.targetUrl}`,
    `  ${o.eventIds.length} events, duplicates ${o.duplicates}, ${o.reorder ? 'reordered' : 'in order'}, burst ${o.burst}, delay ${o.delayMs[0]}-${o.delayMs[1]} ms, seed ${o.seed}`,
    '',
  ];
  const rows = [['#', 'BATCH', 'EVENT', 'KIND', 'DELIVERY ID', 'ANSWER', 'MS', 'FLAGS']];
  for (const s of run.steps)
    rows.push([
      String(s.index),
      String(s.batch),
      s.eventId,
      kind(s),
      oneLine(s.deliveryId ?? '-', 36),
      answer(s),
      s.durationMs === null ? '-' : String(s.durationMs),
      s.flags.join(', '),
    ]);
  lines.push(table(rows), '');
  const pairs = run.steps.filter((s) => s.kind === 'duplicate' && s.copyOf !== null);
  if (pairs.length > 0) {
    lines.push('Duplicates side by side (same delivery id and signature):');
    for (const dup of pairs) {
      const first = run.steps[dup.copyOf ?? -1];
      if (!first) continue;
      const mark = dup.flags.includes('duplicate_answered_differently') ? '   ← answered differently' : '';
      lines.push(
        `  ${dup.eventId}: #${first.index} ${answer(first)}  |  #${dup.index} ${answer(dup)}${mark}`,
      );
    }
    lines.push('');
  }
  const flagged = Object.entries(run.flagCounts) as [ChaosFlag, number][];
  if (flagged.length === 0) lines.push('No classic bugs seen.');
  else {
    lines.push('Flags:');
    for (const [flag, count] of flagged) lines.push(`  ${flag} ×${count}: ${FLAG_TEXT[flag]}`);
  }
  for (const note of run.notes) lines.push(`Note: ${note}`);
  lines.push('', `Saved as ${run.id} (hookline chaos show ${run.id}); repeat it with --seed ${o.seed}`);
  return `${lines.join('\n')}\n`;
}

/** Saved runs, newest first. */
export function formatRuns(runs: ChaosRunSummary[]): string {
  if (runs.length === 0) return 'No chaos runs yet.\n';
  const rows = [['RUN', 'STARTED (UTC)', 'TARGET', 'STEPS', 'FLAGS']];
  for (const r of runs) {
    const flags = Object.entries(r.flagCounts)
      .map(([flag, n]) => `${flag} ×${n}`)
      .join(', ');
    rows.push([
      r.id,
      new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 19),
      r.options.targetUrl,
      String(r.stepCount),
      flags || '-',
    ]);
  }
  return `${table(rows)}\n`;
}
