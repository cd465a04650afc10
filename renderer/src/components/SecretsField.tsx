import type { ApiEndpoint } from '../../../shared/api';
import { type EndpointForm, type FormErrors, secretHint } from '../lib/endpoint-form';
import { FieldError } from './FieldError';

/**
 * Signing secrets. A new endpoint takes a list; an existing one shows its stored secrets masked (they
 * are never sent back), each removable, and typed ones are added to them — rotation without retyping.
 */
export function SecretsField({
  form,
  set,
  endpoint,
  error,
}: {
  form: EndpointForm;
  set(patch: Partial<EndpointForm>): void;
  endpoint: ApiEndpoint | null;
  error: FormErrors | null;
}) {
  const stored = endpoint?.secretCount ?? 0;
  const toggle = (i: number) =>
    set({
      removeSecretsAt: form.removeSecretsAt.includes(i)
        ? form.removeSecretsAt.filter((x) => x !== i)
        : [...form.removeSecretsAt, i],
    });
  const hint = secretHint(form);
  return (
    <div className="subsection">
      {stored > 0 && <span className="secrets-title">Signing secrets ({stored})</span>}
      {stored > 0 && (
        <ul className="stored-secrets" data-testid="stored-secrets">
          {Array.from({ length: stored }, (_, i) => {
            const removed = form.removeSecretsAt.includes(i);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: stored secrets are known only by position
              <li key={i} className={removed ? 'removed' : ''}>
                <span className="muted">#{i + 1}</span>
                <code aria-label={`Secret ${i + 1} (hidden)`}>••••••••••••</code>
                {i === 0 && !removed && <span className="hint">re-signs replays</span>}
                <span className="grow" />
                {removed && <span className="hint">removed on save</span>}
                <button type="button" className="btn btn-ghost btn-small" onClick={() => toggle(i)}>
                  {removed ? 'Keep' : 'Remove'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label>
        {endpoint
          ? stored > 0
            ? 'Add signing secrets (one per line; the ones above are kept unless removed)'
            : 'Signing secrets (one per line)'
          : 'Signing secrets (one per line)'}
        <textarea
          name="secrets"
          rows={2}
          value={form.secrets}
          aria-invalid={error?.fields.secrets !== undefined}
          onChange={(e) => set({ secrets: e.target.value })}
          placeholder="whsec_…"
          className="mono"
        />
        {hint && (
          <span className="hint warn" data-testid="secret-hint">
            {hint}
          </span>
        )}
        <FieldError error={error} field="secrets" />
      </label>
    </div>
  );
}
