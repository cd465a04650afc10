import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ApiEndpoint } from '../../../shared/api';
import { PROVIDERS } from '../../../shared/types';
import { errorMessage } from '../api/client';
import {
  type EndpointForm,
  type FormErrors,
  URL_SIGNING_PROVIDERS,
  VERIFY_FIELDS,
  createParams,
  formErrors,
  initialForm,
  localError,
  updatePatch,
  verifyStartsOpen,
} from '../lib/endpoint-form';
import { useStore } from '../store';
import { FieldError } from './FieldError';
import { ForwardFromField } from './ForwardFromField';
import { Modal } from './Modal';
import { ResponseFields } from './ResponseFields';
import { SchemaSection } from './SchemaSection';
import { SecretsField } from './SecretsField';
import { VerifySection } from './VerifySection';

/** Create or edit an endpoint: label, provider, secrets, verification, forwarding, response, pause. */
export function EndpointDialog({ endpoint }: { endpoint: ApiEndpoint | null }) {
  const close = useStore((s) => s.openModal);
  const create = useStore((s) => s.createEndpoint);
  const update = useStore((s) => s.updateEndpoint);
  const remove = useStore((s) => s.deleteEndpoint);
  const [form, setForm] = useState<EndpointForm>(() => initialForm(endpoint));
  const [verifyOpen, setVerifyOpen] = useState(() => verifyStartsOpen(form));
  const [error, setError] = useState<FormErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const labelInput = useRef<HTMLInputElement>(null);
  const dialogBody = useRef<HTMLFormElement>(null);
  useEffect(() => labelInput.current?.focus(), []);

  const set = (patch: Partial<EndpointForm>) => setForm((f) => ({ ...f, ...patch }));
  const setProvider = (provider: string) => {
    set({ provider });
    // These providers need settings from this section, so show it rather than make people hunt.
    if (provider === 'generic' || URL_SIGNING_PROVIDERS.includes(provider)) setVerifyOpen(true);
  };

  const fail = (next: FormErrors) => {
    setError(next);
    // An error about a collapsed field would be invisible: open its section, then bring it into view.
    if (VERIFY_FIELDS.some((field) => next.fields[field] !== undefined)) setVerifyOpen(true);
    requestAnimationFrame(() =>
      dialogBody.current?.querySelector('[role=alert]')?.scrollIntoView({ block: 'nearest' }),
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = localError(form);
    if (local) return fail(local);
    setBusy(true);
    setError(null);
    try {
      if (endpoint) await update(endpoint.id, updatePatch(form));
      else await create(createParams(form));
      close(null);
    } catch (err) {
      fail(formErrors(err));
    } finally {
      setBusy(false);
    }
  };

  const onDelete = async () => {
    if (
      !endpoint ||
      !window.confirm(`Delete "${endpoint.label}"? Its URL stops receiving. Stored events are kept.`)
    )
      return;
    try {
      await remove(endpoint.id, false);
      close(null);
    } catch (err) {
      setError({ general: errorMessage(err), fields: {} });
    }
  };

  return (
    <Modal title={endpoint ? `Edit ${endpoint.label}` : 'New endpoint'} onClose={() => close(null)}>
      <form className="form" onSubmit={submit} ref={dialogBody}>
        {error?.general && (
          <p className="callout callout-error" role="alert" data-testid="form-error">
            {error.general}
          </p>
        )}
        <label>
          Label
          <input
            ref={labelInput}
            name="label"
            value={form.label}
            aria-invalid={error?.fields.label !== undefined}
            onChange={(e) => set({ label: e.target.value })}
            placeholder="stripe-dev"
            required
          />
          <FieldError error={error} field="label" />
        </label>
        <label>
          Provider
          <select name="provider" value={form.provider} onChange={(e) => setProvider(e.target.value)}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p === 'auto' ? 'auto (detect from headers)' : p === 'generic' ? 'generic HMAC' : p}
              </option>
            ))}
          </select>
          <FieldError error={error} field="provider" />
        </label>
        <SecretsField form={form} set={set} endpoint={endpoint} error={error} />
        {!endpoint && (
          <label className="check">
            <input
              type="checkbox"
              checked={form.generate}
              onChange={(e) => set({ generate: e.target.checked })}
            />
            Generate a secret if none is given (for senders that let you choose one)
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            name="rejectInvalid"
            checked={form.rejectInvalid}
            onChange={(e) => set({ rejectInvalid: e.target.checked })}
          />
          Reject requests with an invalid signature (answer 401; they are still stored)
        </label>
        <VerifySection form={form} set={set} error={error} open={verifyOpen} onToggle={setVerifyOpen} />
        <label>
          Forward to (optional)
          <input
            name="forwardUrl"
            value={form.forwardUrl}
            aria-invalid={error?.fields.forwardUrl !== undefined}
            onChange={(e) => set({ forwardUrl: e.target.value })}
            placeholder="http://localhost:3000/webhooks"
            className="mono"
          />
          <FieldError error={error} field="forwardUrl" />
        </label>
        <ForwardFromField form={form} set={set} endpoint={endpoint} />
        <label className="check">
          <input type="checkbox" checked={form.custom} onChange={(e) => set({ custom: e.target.checked })} />
          Custom response to the sender
        </label>
        {form.custom && <ResponseFields form={form} set={set} error={error} />}
        {endpoint && <SchemaSection endpoint={endpoint} />}
        {endpoint && (
          <label className={`check pause ${form.paused ? 'on' : ''}`}>
            <input
              type="checkbox"
              name="paused"
              checked={form.paused}
              onChange={(e) => set({ paused: e.target.checked })}
            />
            <span>
              Paused
              <span className="hint">
                While paused, senders get <code>503</code> (most retry later) and nothing is stored.
              </span>
            </span>
          </label>
        )}
        <div className="form-actions">
          {endpoint && (
            <button type="button" className="btn btn-danger" onClick={onDelete}>
              Delete
            </button>
          )}
          <span className="grow" />
          <button type="button" className="btn" onClick={() => close(null)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {endpoint ? 'Save' : 'Create endpoint'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
