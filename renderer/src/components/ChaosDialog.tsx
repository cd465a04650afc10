import { useEffect, useState } from 'react';
import type { ChaosRun, ChaosRunSummary } from '../../../shared/chaos';
import { call, errorMessage } from '../api/client';
import { chaosOptionsText, flaggedTotal } from '../lib/chaos-text';
import { formatDateTime } from '../lib/format';
import { useStore } from '../store';
import { ChaosRunView } from './ChaosRunView';
import { Modal } from './Modal';

// The newest runs; `hookline chaos runs` lists them all.
const RUN_LIMIT = 50;

/** The saved chaos delivery runs (from `hookline chaos` or an agent), newest first, and one opened. */
export function ChaosDialog() {
  const close = useStore((s) => s.openModal);
  const [runs, setRuns] = useState<ChaosRunSummary[] | null>(null);
  const [open, setOpen] = useState<ChaosRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('chaos.runs', { limit: RUN_LIMIT })
      .then((r) => setRuns(r.runs))
      .catch((e) => setError(errorMessage(e)));
  }, []);
  const show = (id: string) =>
    call('chaos.get', { id })
      .then((r) => setOpen(r.run))
      .catch((e) => setError(errorMessage(e)));
  return (
    <Modal title="Chaos runs" onClose={() => close(null)} wide>
      <div className="chaos-view" data-testid="chaos-view">
        {error && <p className="callout callout-error">{error}</p>}
        {open ? (
          <>
            <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
              ← All runs
            </button>
            <ChaosRunView run={open} />
          </>
        ) : runs === null ? (
          <p className="muted">Loading…</p>
        ) : runs.length === 0 ? (
          <p className="muted" data-testid="chaos-empty">
            No runs yet.{' '}
            <code>hookline chaos --to http://localhost:3000/webhooks --duplicates 0.3 --reorder</code> replays
            stored events to your handler the way real senders misbehave, and saves the run here.
          </p>
        ) : (
          <ul className="chaos-runs">
            {runs.length === RUN_LIMIT && <li className="hint">The newest {RUN_LIMIT} runs.</li>}
            {runs.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="chaos-run-item"
                  data-testid="chaos-run"
                  onClick={() => void show(r.id)}
                >
                  <span className="chaos-run-line">
                    <code>{r.options.targetUrl}</code>
                    <span className="grow" />
                    {flaggedTotal(r) > 0 ? (
                      <span className="chaos-flag">{flaggedTotal(r)} flagged</span>
                    ) : (
                      <span className="chaos-clean">no flags</span>
                    )}
                  </span>
                  <span className="muted chaos-run-sub">
                    {formatDateTime(r.startedAt)} · {r.stepCount} sends · {chaosOptionsText(r.options)} · by{' '}
                    {r.createdBy}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Modal>
  );
}
