import { useCallback, useEffect, useState } from 'react';
import type { ChaosRun, ChaosRunSummary } from '../../../shared/chaos';
import { call, errorMessage } from '../api/client';
import { chaosOptionsText, flaggedTotal } from '../lib/chaos-text';
import { formatDateTime } from '../lib/format';
import { useStore } from '../store';
import { ChaosRunView } from './ChaosRunView';
import { ChaosStartForm } from './ChaosStartForm';
import { Modal } from './Modal';

// The newest runs; `hookline chaos runs` lists them all.
const RUN_LIMIT = 50;

/** The saved chaos delivery runs (from `hookline chaos`, an agent or this dialog), newest first, one opened, or a new one started. */
export function ChaosDialog() {
  const close = useStore((s) => s.openModal);
  const [runs, setRuns] = useState<ChaosRunSummary[] | null>(null);
  const [open, setOpen] = useState<ChaosRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const load = useCallback(
    () =>
      call('chaos.runs', { limit: RUN_LIMIT })
        .then((r) => setRuns(r.runs))
        .catch((e) => setError(errorMessage(e))),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const show = useCallback(
    (id: string) =>
      call('chaos.get', { id })
        .then((r) => setOpen(r.run))
        .catch((e) => setError(errorMessage(e))),
    [],
  );
  const started = useCallback(
    (id: string) => {
      setStarting(false);
      void load();
      void show(id);
    },
    [load, show],
  );
  return (
    <Modal title={starting ? 'New chaos run' : 'Chaos runs'} onClose={() => close(null)} wide>
      <div className="chaos-view" data-testid="chaos-view">
        {error && <p className="callout callout-error">{error}</p>}
        {starting ? (
          <ChaosStartForm onDone={started} onCancel={() => setStarting(false)} />
        ) : open ? (
          <>
            <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
              ← All runs
            </button>
            <ChaosRunView run={open} />
          </>
        ) : runs === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            <div className="chaos-list-head">
              <span className="hint grow">
                Replays stored events to your handler the way real senders misbehave.
              </span>
              <button type="button" className="btn btn-primary btn-small" onClick={() => setStarting(true)}>
                New chaos run
              </button>
            </div>
            {runs.length === 0 ? (
              <p className="muted" data-testid="chaos-empty">
                No runs yet. Start one here, or from a terminal:{' '}
                <code>hookline chaos --to http://localhost:3000/webhooks --duplicates 0.3 --reorder</code>
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
                        {formatDateTime(r.startedAt)} · {r.stepCount} sends · {chaosOptionsText(r.options)} ·
                        by {r.createdBy}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
