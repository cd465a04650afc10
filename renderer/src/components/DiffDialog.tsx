import { useEffect, useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import type { EventDiff } from '../../../shared/event-diff';
import { call, errorMessage } from '../api/client';
import { formatDateTime } from '../lib/format';
import { useStore } from '../store';
import { DiffBodies } from './DiffBodies';
import { BodyChanges, FieldChanges, HeaderChanges } from './DiffChanges';
import { Modal } from './Modal';

interface Loaded {
  diff: EventDiff;
  a: ApiEvent;
  b: ApiEvent;
}

/** Two events compared: what differs by JSON path, in the request and headers, and the bodies side by side. */
export function DiffDialog({ a, b }: { a: string; b: string }) {
  const openModal = useStore((s) => s.openModal);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLoaded(null);
    Promise.all([call('events.diff', { a, b }), call('events.get', { id: a }), call('events.get', { id: b })])
      .then(([d, ea, eb]) => setLoaded({ diff: d.diff, a: ea.event, b: eb.event }))
      .catch((e) => setError(errorMessage(e)));
  }, [a, b]);
  return (
    <Modal title="Compare events" onClose={() => openModal(null)} wide>
      <div className="diff-view" data-testid="diff-view">
        {error && <p className="callout callout-error">{error}</p>}
        {!loaded && !error && <p className="muted">Comparing…</p>}
        {loaded && (
          <>
            <div className="diff-head">
              <div className="diff-which">
                <span className="diff-label">A</span>
                <code>{loaded.a.id}</code>
                <span className="muted">{formatDateTime(loaded.a.receivedAt)}</span>
              </div>
              <div className="diff-which">
                <span className="diff-label">B</span>
                <code>{loaded.b.id}</code>
                <span className="muted">{formatDateTime(loaded.b.receivedAt)}</span>
              </div>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => openModal({ kind: 'diff', a: b, b: a })}
                title="Show B on the left"
              >
                ⇄ Swap
              </button>
            </div>
            {loaded.diff.identical && (
              <p className="callout" data-testid="diff-identical">
                Identical: same request, headers (apart from per-delivery ones) and body.
              </p>
            )}
            <FieldChanges fields={loaded.diff.fields} />
            <BodyChanges body={loaded.diff.body} />
            <HeaderChanges headers={loaded.diff.headers} />
            <section className="diff-section">
              <h3>Bodies side by side</h3>
              <DiffBodies a={loaded.a} b={loaded.b} />
            </section>
          </>
        )}
      </div>
    </Modal>
  );
}
