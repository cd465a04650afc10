import { useEffect, useState } from 'react';
import type { DriftFinding, DriftReport } from '../../../shared/schema-checks';
import { call, errorMessage } from '../api/client';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { Modal } from './Modal';

// The newest events read per report (the core's bound for drift and inference is 500).
const SAMPLE = 200;

const KIND_LABEL: Record<DriftFinding['kind'], string> = {
  appeared: 'appeared',
  vanished: 'vanished',
  type_changed: 'type changed',
};

/** Fields that appeared, vanished or changed type across an endpoint's events, per event type (`hookline schema drift`). */
export function DriftDialog({
  endpointId,
  eventType,
}: { endpointId: string | null; eventType: string | null }) {
  const close = useStore((s) => s.openModal);
  const endpoints = useStore((s) => s.endpoints);
  const select = useStore((s) => s.select);
  const [endpoint, setEndpoint] = useState(endpointId ?? '');
  const [report, setReport] = useState<DriftReport | null>(null);
  const [onlyType, setOnlyType] = useState(eventType ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReport(null);
    setError(null);
    call('schemas.drift', { endpointId: endpoint || undefined, limit: SAMPLE })
      .then(setReport)
      .catch((e) => setError(errorMessage(e)));
  }, [endpoint]);
  const types = report?.types ?? [];
  const shown = onlyType ? types.filter((t) => t.type === onlyType) : types;
  const open = (id: string) => {
    close(null);
    select(id);
  };
  return (
    <Modal title="Schema drift" onClose={() => close(null)} wide>
      <div className="drift-view" data-testid="drift-view">
        <div className="drift-controls">
          <label>
            Endpoint
            <select value={endpoint} onChange={(e) => setEndpoint(e.target.value)} aria-label="Endpoint">
              <option value="">All endpoints</option>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Event type
            <select value={onlyType} onChange={(e) => setOnlyType(e.target.value)} aria-label="Event type">
              <option value="">All types</option>
              {types.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.type}
                </option>
              ))}
              {onlyType && !types.some((t) => t.type === onlyType) && (
                <option value={onlyType}>{onlyType}</option>
              )}
            </select>
          </label>
          <p className="hint grow">
            Across the newest {SAMPLE} events with a JSON body, oldest first: a field that appeared, vanished
            or changed type.
          </p>
        </div>
        {error && <p className="callout callout-error">{error}</p>}
        {!report && !error && <p className="muted">Reading events…</p>}
        {report && shown.length === 0 && (
          <p className="muted" data-testid="drift-empty">
            {onlyType ? `No events of type ${onlyType} with a JSON body.` : 'No events with a JSON body yet.'}
          </p>
        )}
        {shown.map((t) => (
          <section key={t.type} className="card drift-type" data-testid="drift-type" data-type={t.type}>
            <h3>
              <code>{t.type}</code>
              <span className="muted">
                {formatCount(t.events)} event{t.events === 1 ? '' : 's'}
              </span>
              <span className="grow" />
              {t.findings.length === 0 ? (
                <span className="chaos-clean">no drift</span>
              ) : (
                <span className="chaos-flag">
                  {t.findings.length} drifting field{t.findings.length === 1 ? '' : 's'}
                </span>
              )}
            </h3>
            {t.findings.length > 0 && (
              <table className="drift-table">
                <tbody>
                  {t.findings.map((f) => (
                    <tr key={`${f.kind}:${f.path}`} data-testid="drift-finding" data-kind={f.kind}>
                      <td>
                        <span className={`drift-kind drift-${f.kind}`}>{KIND_LABEL[f.kind]}</span>
                      </td>
                      <td>
                        <code className="drift-path">{f.path}</code>
                      </td>
                      <td className="drift-detail">{f.detail}</td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => open(f.eventId)}
                          title="Open this event"
                        >
                          <code>{f.eventId.slice(0, 14)}…</code>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
        {report && report.skippedNonJson > 0 && (
          <p className="hint">
            {formatCount(report.skippedNonJson)} event(s) without a JSON body were left out.
          </p>
        )}
      </div>
    </Modal>
  );
}
