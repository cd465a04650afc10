import type { ApiEvent } from '../../../shared/api';
import type { HeaderPair } from '../../../shared/types';
import { formatBytes, formatCount, formatDateTime } from '../lib/format';
import { BodyViewer } from './BodyViewer';
import { CopyButton } from './CopyButton';
import { HeadersTable } from './HeadersTable';
import { SchemaCheckCard } from './SchemaCheckCard';

/** Overview facts, the headers in order, and the body. */
export function RequestView({ event: e }: { event: ApiEvent }) {
  const rows: Array<[string, string | null]> = [
    ['Method', e.method],
    ['Path', e.path || '/'],
    ['Query', e.query || null],
    ['Received', formatDateTime(e.receivedAt)],
    ['Size', `${formatBytes(e.bodySize)}${e.truncated ? ' (truncated)' : ''}`],
    ['Source', e.importedFrom ? `imported from ${e.importedFrom}` : e.remoteAddr],
    ['Provider', e.provider],
    ['Event type', e.providerEventType],
    ['Provider id', e.providerEventId],
    ['Duplicate of', e.duplicateOf],
    ['Answered', String(e.responseStatus)],
  ];
  // Decoded for reading (`+` and %-escapes); the raw string stays in the overview and in replays.
  const query: HeaderPair[] = [...new URLSearchParams(e.query)];
  return (
    <div className="request-view">
      <section className="card">
        <h3>Overview</h3>
        <dl className="facts" data-testid="overview">
          {rows
            .filter(([, v]) => v !== null && v !== '')
            .map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </div>
            ))}
        </dl>
      </section>
      {e.schemaCheck && <SchemaCheckCard event={e} check={e.schemaCheck} />}
      {e.query && (
        <section className="card">
          <h3>
            Query <span className="muted">({formatCount(query.length)})</span>
            <span className="grow" />
            <CopyButton text={`?${e.query}`} />
          </h3>
          <HeadersTable headers={query} testId="query-table" />
        </section>
      )}
      <section className="card">
        <h3>
          Headers <span className="muted">({formatCount(e.headers.length)})</span>
          <span className="grow" />
          <CopyButton text={e.headers.map(([n, v]) => `${n}: ${v}`).join('\n')} />
        </h3>
        <HeadersTable headers={e.headers} />
      </section>
      <section className="card">
        <BodyViewer event={e} />
      </section>
    </div>
  );
}
