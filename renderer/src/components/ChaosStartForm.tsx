import { type FormEvent, useEffect, useState } from 'react';
import type { ChaosJob } from '../../../shared/chaos';
import { call, errorMessage } from '../api/client';
import { formatCount } from '../lib/format';
import { useStore } from '../store';

// How often a running job's progress is read.
const POLL_MS = 300;

/**
 * "New chaos run": the target, which events (the current filter's newest, or the selected event),
 * and how to misbehave. Runs in the serving process (the same code as `hookline chaos`); shows the
 * sends as they go, then hands the saved run's id back.
 */
export function ChaosStartForm({ onDone, onCancel }: { onDone(runId: string): void; onCancel(): void }) {
  const filter = useStore((s) => s.filter);
  const selectedId = useStore((s) => s.selectedId);
  const listed = useStore((s) => s.rows.length);
  const [target, setTarget] = useState('http://localhost:3000/webhooks');
  const [source, setSource] = useState<'filter' | 'selected'>('filter');
  const [limit, setLimit] = useState(20);
  const [duplicates, setDuplicates] = useState(30);
  const [reorder, setReorder] = useState(true);
  const [burst, setBurst] = useState(1);
  const [delayLow, setDelayLow] = useState(0);
  const [delayHigh, setDelayHigh] = useState(0);
  const [seed, setSeed] = useState('');
  const [job, setJob] = useState<ChaosJob | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const t = setTimeout(() => {
      call('chaos.job', { jobId: job.id })
        .then((r) => {
          setJob(r.job);
          if (r.job.state === 'done' && r.job.runId) onDone(r.job.runId);
          if (r.job.state === 'failed') setError({ message: r.job.error ?? 'The run failed' });
        })
        .catch((e) => setError({ message: errorMessage(e) }));
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [job, onDone]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call('chaos.start', {
        targetUrl: target,
        ...(source === 'selected' && selectedId ? { eventIds: [selectedId] } : { filter, limit }),
        duplicates: duplicates / 100,
        reorder,
        burst,
        delayMs: [delayLow, Math.max(delayLow, delayHigh)],
        seed: seed.trim() || undefined,
      });
      setJob(r.job);
    } catch (err) {
      const field = err instanceof Error && 'field' in err ? (err.field as string | undefined) : undefined;
      setError({ message: errorMessage(err), field });
    }
  };

  const running = job?.state === 'running';
  const filtered = Object.values(filter).some((v) => v !== undefined);
  return (
    <form className="form chaos-start" onSubmit={submit} data-testid="chaos-start">
      <label>
        Target URL (your handler)
        <input
          className="mono"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          aria-invalid={error?.field === 'targetUrl'}
          required
          disabled={running}
        />
      </label>
      <fieldset className="chaos-source" disabled={running}>
        <legend>Events</legend>
        <label className="check">
          <input type="radio" checked={source === 'filter'} onChange={() => setSource('filter')} />
          <span>
            The newest{' '}
            <input
              type="number"
              className="narrow"
              min={1}
              max={200}
              value={limit}
              aria-label="How many events"
              onChange={(e) => setLimit(Number(e.target.value))}
            />{' '}
            events {filtered ? 'matching the current filter' : 'of the inbox'} ({formatCount(listed)} listed)
          </span>
        </label>
        <label className="check">
          <input
            type="radio"
            checked={source === 'selected'}
            onChange={() => setSource('selected')}
            disabled={!selectedId}
          />
          <span>The selected event{selectedId ? ` (${selectedId})` : ' (none selected)'}</span>
        </label>
      </fieldset>
      <div className="chaos-knobs">
        <label>
          Duplicates %
          <input
            type="number"
            min={0}
            max={100}
            value={duplicates}
            onChange={(e) => setDuplicates(Number(e.target.value))}
            disabled={running}
          />
        </label>
        <label>
          Burst
          <input
            type="number"
            min={1}
            max={50}
            value={burst}
            onChange={(e) => setBurst(Number(e.target.value))}
            disabled={running}
          />
        </label>
        <label>
          Delay ms (from–to)
          <span className="range">
            <input
              type="number"
              min={0}
              max={60000}
              value={delayLow}
              aria-label="Delay from (ms)"
              onChange={(e) => setDelayLow(Number(e.target.value))}
              disabled={running}
            />
            –
            <input
              type="number"
              min={0}
              max={60000}
              value={delayHigh}
              aria-label="Delay to (ms)"
              onChange={(e) => setDelayHigh(Number(e.target.value))}
              disabled={running}
            />
          </span>
        </label>
        <label>
          Seed
          <input
            className="mono"
            value={seed}
            placeholder="random"
            onChange={(e) => setSeed(e.target.value)}
            disabled={running}
          />
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={reorder}
          onChange={(e) => setReorder(e.target.checked)}
          disabled={running}
        />
        Reorder (deliver out of order)
      </label>
      {error && (
        <p className="callout callout-error" role="alert" data-testid="chaos-start-error">
          {error.message}
        </p>
      )}
      {job && (
        <div className="chaos-progress" data-testid="chaos-progress">
          <progress max={Math.max(1, job.total)} value={job.sent} />
          <span>
            {formatCount(job.sent)} of {formatCount(job.total)} sent{running ? '…' : ''}
          </span>
        </div>
      )}
      <div className="form-actions">
        <span className="grow" />
        <button type="button" className="btn" onClick={onCancel} disabled={running}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={running}>
          {running ? 'Running…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
