import type { ChaosFlag, ChaosRun, ChaosStep } from '../../../shared/chaos';
import { FLAG_LABEL, chaosOptionsText } from '../lib/chaos-text';
import { formatDateTime } from '../lib/format';

/** One run: its options, flag totals, notes, and every send with the answer (duplicates beside their original). */
export function ChaosRunView({ run }: { run: ChaosRun }) {
  const byIndex = new Map(run.steps.map((s) => [s.index, s]));
  const flags = Object.entries(run.flagCounts) as [ChaosFlag, number][];
  return (
    <div className="chaos-run" data-testid="chaos-run-detail">
      <div className="chaos-run-head">
        <code className="chaos-target">{run.options.targetUrl}</code>
        <span className="muted">
          {formatDateTime(run.startedAt)} · {run.finishedAt - run.startedAt} ms ·{' '}
          {chaosOptionsText(run.options)} · by {run.createdBy}
        </span>
      </div>
      <div className="chaos-flags" data-testid="chaos-flags">
        {flags.length === 0 ? (
          <span className="chaos-clean">No classic bugs seen in this run</span>
        ) : (
          flags.map(([flag, n]) => (
            <span key={flag} className="chaos-flag" data-flag={flag}>
              {n} × {FLAG_LABEL[flag]}
            </span>
          ))
        )}
      </div>
      {run.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
      <div className="chaos-steps-scroll">
        <table className="chaos-steps" data-testid="chaos-steps">
          <thead>
            <tr>
              <th>#</th>
              <th>Send</th>
              <th>Event</th>
              <th>Answer</th>
              <th>Original's answer</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s) => (
              <StepRow
                key={s.index}
                step={s}
                original={s.copyOf === null ? undefined : byIndex.get(s.copyOf)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function answerText(s: ChaosStep): string {
  if (s.error) return s.error;
  return `${s.status ?? '—'} ${s.answer}`.trim();
}

function StepRow({ step: s, original }: { step: ChaosStep; original: ChaosStep | undefined }) {
  return (
    <tr className={s.flags.length > 0 ? 'chaos-flagged' : ''} data-kind={s.kind} data-testid="chaos-step">
      <td className="mono">{s.index}</td>
      <td>
        {s.kind === 'original' ? 'first' : `${s.kind} of #${s.copyOf}`}
        <span className="muted chaos-step-sub">
          batch {s.batch}
          {s.delayMs > 0 ? ` · after ${s.delayMs} ms` : ''}
          {s.durationMs !== null ? ` · took ${s.durationMs} ms` : ''}
        </span>
      </td>
      <td className="mono" title={s.deliveryId ?? undefined}>
        {s.eventId}
      </td>
      <td>
        <code
          className={`chaos-answer ${s.status !== null && s.status < 300 ? 'ok' : 'bad'}`}
          title={answerText(s)}
        >
          {answerText(s)}
        </code>
        {s.flags.map((f) => (
          <span key={f} className="chaos-flag" data-flag={f}>
            {FLAG_LABEL[f]}
          </span>
        ))}
      </td>
      <td>
        {original && (
          <code className="chaos-answer muted" title={answerText(original)}>
            {answerText(original)}
          </code>
        )}
      </td>
    </tr>
  );
}
