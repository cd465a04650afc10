import type { ApiEvent } from '../../../shared/api';
import type { EventSchemaCheck } from '../../../shared/schema-checks';
import { formatCount } from '../lib/format';
import { useStore } from '../store';

/** The event's schema check: which schema, and each violation as path → message with the value found. */
export function SchemaCheckCard({ event, check }: { event: ApiEvent; check: EventSchemaCheck }) {
  const openModal = useStore((s) => s.openModal);
  const drift = (
    <button
      type="button"
      className="btn btn-small"
      onClick={() =>
        openModal({ kind: 'drift', endpointId: event.endpointId, eventType: event.providerEventType })
      }
      title="Fields that appeared, vanished or changed type across this type's events"
    >
      Drift…
    </button>
  );
  if (check.count === 0)
    return (
      <section className="card schema-card schema-ok" data-testid="schema-check">
        <h3>
          Schema <span className="schema-verdict ok">valid</span>
          <span className="muted schema-name">{check.schema}</span>
          <span className="grow" />
          {drift}
        </h3>
      </section>
    );
  return (
    <section className="card schema-card" data-testid="schema-check">
      <h3>
        Schema{' '}
        <span className="schema-verdict bad">
          {formatCount(check.count)} violation{check.count === 1 ? '' : 's'}
        </span>
        <span className="muted schema-name">{check.schema}</span>
        <span className="grow" />
        {drift}
      </h3>
      <ul className="violations" data-testid="violations">
        {check.violations.map((v, i) => (
          // Violations carry no id; their order is stable for one stored check.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="violation" data-testid="violation">
            <code className="violation-path">{v.path || '(whole body)'}</code>
            <span className="violation-arrow" aria-hidden="true">
              →
            </span>
            <span className="violation-message">{v.message}</span>
            {v.value !== null && (
              <code className="violation-value" title="The value found there">
                {v.value}
              </code>
            )}
          </li>
        ))}
      </ul>
      {check.more > 0 && (
        <p className="muted violations-more" data-testid="violations-more">
          … and {formatCount(check.more)} more not listed ({formatCount(check.count)} in all; the first{' '}
          {check.violations.length} are kept)
        </p>
      )}
    </section>
  );
}
