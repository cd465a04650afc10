import type { BodyComparison, FieldChange, HeaderChange } from '../../../shared/event-diff';
import { shortValue } from '../lib/diff-text';

const KIND_MARK = { added: '+', removed: '−', changed: '~' } as const;

function bytesSummary(sizeA: number, sizeB: number, at: number | null): string {
  const where = at === null ? '' : `, first difference at byte ${at}`;
  return `Not JSON: compared byte for byte. ${sizeA} vs ${sizeB} bytes${where}.`;
}

/** Request attributes that differ (method, path, type, verdict…). */
export function FieldChanges({ fields }: { fields: FieldChange[] }) {
  if (fields.length === 0) return null;
  return (
    <section className="diff-section">
      <h3>Request</h3>
      <table className="diff-table" data-testid="diff-fields">
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}>
              <th>{f.field}</th>
              <td className="diff-before">{f.before ?? '—'}</td>
              <td className="diff-after">{f.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The body's changes by JSON path (or form field), or, for other bodies, sizes and the first difference. */
export function BodyChanges({ body }: { body: BodyComparison }) {
  if (body.mode === 'bytes')
    return (
      <section className="diff-section">
        <h3>Body</h3>
        <p className="muted" data-testid="diff-body-summary">
          {body.identical ? 'Same bytes.' : bytesSummary(body.sizeA, body.sizeB, body.firstDifferenceAt)}
        </p>
      </section>
    );
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of body.changes) counts[c.kind]++;
  return (
    <section className="diff-section">
      <h3>
        Body {body.mode === 'json' ? 'by JSON path' : 'by form field'}{' '}
        <span className="muted diff-counts" data-testid="diff-body-summary">
          {body.identical
            ? 'same'
            : `${counts.changed} changed · ${counts.added} added · ${counts.removed} removed`}
        </span>
      </h3>
      {body.changes.length > 0 && (
        <table className="diff-table" data-testid="diff-body-changes">
          <tbody>
            {body.changes.map((c) => (
              <tr key={`${c.kind}:${c.path}`} className={`diff-${c.kind}`} data-kind={c.kind}>
                <td className="diff-mark" title={c.kind}>
                  {KIND_MARK[c.kind]}
                </td>
                <th className="mono">{c.path || '(root)'}</th>
                <td className="diff-before mono" title={shortValue(c.before)}>
                  {shortValue(c.before)}
                </td>
                <td className="diff-after mono" title={shortValue(c.after)}>
                  {shortValue(c.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body.truncated > 0 && (
        <p className="hint">
          {body.truncated} more changes not listed (the list stops at {body.changes.length}); the side-by-side
          view below shows them all.
        </p>
      )}
    </section>
  );
}

/** Headers that differ; the ones that differ on every delivery by design (signatures, ids) dimmed last. */
export function HeaderChanges({ headers }: { headers: HeaderChange[] }) {
  if (headers.length === 0) return null;
  const sorted = [...headers].sort((x, y) => Number(x.perDelivery) - Number(y.perDelivery));
  const perDelivery = headers.filter((h) => h.perDelivery).length;
  return (
    <section className="diff-section">
      <h3>
        Headers{' '}
        {perDelivery > 0 && (
          <span className="muted diff-counts">
            {perDelivery} differ on every delivery by design (signatures, ids, times), shown dimmed
          </span>
        )}
      </h3>
      <table className="diff-table" data-testid="diff-headers">
        <tbody>
          {sorted.map((h) => (
            <tr
              key={h.name}
              className={`diff-${h.kind} ${h.perDelivery ? 'diff-per-delivery' : ''}`}
              data-kind={h.kind}
            >
              <td className="diff-mark" title={h.kind}>
                {KIND_MARK[h.kind]}
              </td>
              <th className="mono">{h.name}</th>
              <td className="diff-before mono" title={h.before ?? ''}>
                {h.before ?? ''}
              </td>
              <td className="diff-after mono" title={h.after ?? ''}>
                {h.after ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
