import { useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { PROVIDERS, type Verification } from '../../../shared/types';
import { formatDateTime } from '../lib/format';
import { useStore } from '../store';
import { VerdictBadge } from './Badges';

function VerdictCard({ v, title }: { v: Verification; title: string }) {
  const d = v.diagnostics;
  return (
    <section className="card" data-testid="signature-verdict">
      <h3>
        {title} <VerdictBadge status={v.status} />
      </h3>
      <p className="reason">{v.reason}</p>
      <dl className="facts">
        <div className="fact">
          <dt>Scheme</dt>
          <dd className="mono">{v.scheme ?? 'none detected'}</dd>
        </div>
        <div className="fact">
          <dt>Signature</dt>
          <dd>
            {v.signatureMatched === null ? 'not checked' : v.signatureMatched ? 'matches' : 'does not match'}
          </dd>
        </div>
        <div className="fact">
          <dt>Fresh</dt>
          <dd>
            {v.fresh === null ? 'no timestamp in scheme' : v.fresh ? 'within tolerance' : 'outside tolerance'}
          </dd>
        </div>
        {v.signedAt !== null && (
          <div className="fact">
            <dt>Signed at</dt>
            <dd className="mono">{formatDateTime(v.signedAt)}</dd>
          </div>
        )}
        {d?.header && (
          <div className="fact">
            <dt>Header</dt>
            <dd className="mono">{d.header}</dd>
          </div>
        )}
        <div className="fact">
          <dt>Checked</dt>
          <dd className="mono">{formatDateTime(v.checkedAt)}</dd>
        </div>
      </dl>
      {d?.expected?.length || d?.received?.length ? (
        <table className="headers compare">
          <tbody>
            <tr>
              <th>Expected</th>
              <td className="mono">{(d.expected ?? []).join('\n') || '—'}</td>
            </tr>
            <tr>
              <th>Received</th>
              <td className="mono">{(d.received ?? []).join('\n') || '—'}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {d?.hints?.length ? (
        <ul className="hints">
          {d.hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : null}
      {d?.signedContent && (
        <details>
          <summary>Signed content</summary>
          <pre className="code mono">{d.signedContent}</pre>
        </details>
      )}
    </section>
  );
}

/** The verdict with its reasons, and a field to paste a secret and verify again. */
export function SignaturePanel({ event }: { event: ApiEvent }) {
  const reverify = useStore((s) => s.reverify);
  const result = useStore((s) => s.reverified);
  const [secret, setSecret] = useState('');
  const [provider, setProvider] = useState('');
  const [save, setSave] = useState(false);
  return (
    <div className="signature-panel">
      <VerdictCard v={event.verification} title="Stored verdict" />
      <section className="card">
        <h3>Verify again</h3>
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void reverify({
              secrets: secret.trim() ? [secret.trim()] : undefined,
              provider: provider || undefined,
              save,
            });
          }}
        >
          <input
            name="secret"
            className="mono grow"
            type="password"
            placeholder="Paste a signing secret (blank: the endpoint's)"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
          />
          <select aria-label="Scheme" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">endpoint's scheme</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <label className="check">
            <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} /> Save verdict
          </label>
          <button type="submit" className="btn btn-primary btn-small">
            Re-verify
          </button>
        </form>
      </section>
      {result && <VerdictCard v={result} title="New verdict" />}
    </div>
  );
}
