import { useCallback, useEffect, useState } from 'react';
import type { ApiAttachedSchema, ApiEndpoint } from '../../../shared/api';
import { call, errorMessage } from '../api/client';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { CodeEditor } from './CodeEditor';

// While events are re-checked after a change, the progress is read this often.
const PROGRESS_MS = 500;

type Recheck = { done: number; total: number } | null;

/**
 * "Payload schema" in the endpoint dialog: a JSON Schema for one event type (or every type), edited
 * in the code editor, inferred from stored events, saved or detached apart from the endpoint form.
 */
export function SchemaSection({ endpoint }: { endpoint: ApiEndpoint }) {
  const openModal = useStore((s) => s.openModal);
  const [open, setOpen] = useState(false);
  const [schemas, setSchemas] = useState<ApiAttachedSchema[]>([]);
  const [recheck, setRecheck] = useState<Recheck>(null);
  const [type, setType] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      call('schemas.get', { endpointId: endpoint.id }).then((r) => {
        setSchemas(r.schemas);
        setRecheck(r.recheck);
        return r;
      }),
    [endpoint.id],
  );
  useEffect(() => {
    if (!open) return;
    load()
      .then((r) => {
        const first = r.schemas[0];
        if (first) {
          setType(first.eventType ?? '');
          setText(first.schemaText);
        }
      })
      .catch((e) => setError(errorMessage(e)));
  }, [open, load]);
  useEffect(() => {
    if (!recheck) return;
    const t = setTimeout(() => void load().catch(() => {}), PROGRESS_MS);
    return () => clearTimeout(t);
  }, [recheck, load]);

  const current = schemas.find((s) => (s.eventType ?? '') === type.trim()) ?? null;
  const pick = (s: ApiAttachedSchema) => {
    setType(s.eventType ?? '');
    setText(s.schemaText);
    setError(null);
  };
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNote(await work());
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const infer = () =>
    run(async () => {
      const r = await call('schemas.infer', { endpointId: endpoint.id, eventType: type.trim() || undefined });
      setText(r.schemaText);
      setType(r.eventType ?? '');
      return `Inferred from ${formatCount(r.events)} event(s)${r.eventType ? ` of type ${r.eventType}` : ''}: tighten it, then save.`;
    });
  const save = () =>
    run(async () => {
      const r = await call('schemas.attach', {
        endpointId: endpoint.id,
        eventType: type.trim() || null,
        schemaText: text,
      });
      return `Saved; ${formatCount(r.rechecking)} stored event(s) are re-checked.`;
    });
  const detach = () =>
    run(async () => {
      await call('schemas.detach', { endpointId: endpoint.id, eventType: type.trim() || null });
      setText('');
      return 'Detached; its events are re-checked.';
    });

  return (
    <details
      className="disclosure"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="schema-section"
    >
      <summary>
        <span className="disclosure-title">Payload schema</span>
        {!open && (
          <span className="disclosure-summary">
            {schemas.length > 0
              ? `${schemas.length} attached`
              : endpoint.provider === 'github'
                ? "GitHub's published schemas"
                : 'none'}
          </span>
        )}
      </summary>
      <div className="disclosure-body schema-section">
        <p className="hint">
          Events are checked against it in the background; violations show on each event and under the “Schema
          violations” filter.
          {endpoint.provider === 'github' || endpoint.provider === 'auto'
            ? " GitHub events are checked against GitHub's published schemas unless you attach one."
            : ''}
        </p>
        {schemas.length > 0 && (
          <div className="schema-chips" aria-label="Attached schemas">
            {schemas.map((s) => (
              <button
                key={s.eventType ?? ''}
                type="button"
                className={`chip ${s === current ? 'on' : ''}`}
                onClick={() => pick(s)}
              >
                {s.eventType ?? 'every type'}
              </button>
            ))}
          </div>
        )}
        <label>
          Event type (empty: every type without a schema of its own)
          <input
            value={type}
            onChange={(e) => setType(e.target.value)}
            // Enter here would submit the endpoint form around this section.
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
            placeholder="invoice.paid"
            className="mono"
            aria-label="Schema event type"
          />
        </label>
        <CodeEditor value={text} onChange={setText} label="JSON Schema" testId="schema-editor" height={220} />
        {error && (
          <p className="callout callout-error" role="alert" data-testid="schema-error">
            {error}
          </p>
        )}
        {recheck ? (
          <p className="hint" data-testid="schema-progress">
            Re-checking {formatCount(recheck.done)} of {formatCount(recheck.total)} events…
          </p>
        ) : (
          note && (
            <p className="hint" data-testid="schema-note">
              {note}
            </p>
          )
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void infer()} disabled={busy}>
            Infer from events
          </button>
          <button
            type="button"
            className="btn"
            onClick={() =>
              openModal({ kind: 'drift', endpointId: endpoint.id, eventType: type.trim() || null })
            }
          >
            Drift…
          </button>
          <span className="grow" />
          {current && (
            <button type="button" className="btn btn-danger" onClick={() => void detach()} disabled={busy}>
              Detach
            </button>
          )}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void save()}
            disabled={busy || text.trim() === ''}
          >
            Save schema
          </button>
        </div>
      </div>
    </details>
  );
}
