import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ApiEndpoint } from '../../../shared/api';
import { PROVIDERS } from '../../../shared/types';
import { errorMessage } from '../api/client';
import { headersToText, textToHeaders } from '../lib/body';
import { useStore } from '../store';
import { Modal } from './Modal';

/** Create or edit an endpoint: label, provider, secrets, reject-invalid, forward URL, custom response. */
export function EndpointDialog({ endpoint }: { endpoint: ApiEndpoint | null }) {
  const close = useStore((s) => s.openModal);
  const create = useStore((s) => s.createEndpoint);
  const update = useStore((s) => s.updateEndpoint);
  const remove = useStore((s) => s.deleteEndpoint);
  const [label, setLabel] = useState(endpoint?.label ?? '');
  const [provider, setProvider] = useState<string>(endpoint?.provider ?? 'auto');
  const [secrets, setSecrets] = useState('');
  const [generate, setGenerate] = useState(false);
  const [rejectInvalid, setRejectInvalid] = useState(endpoint?.rejectInvalid ?? false);
  const [forwardUrl, setForwardUrl] = useState(endpoint?.forwardUrl ?? '');
  const [custom, setCustom] = useState(endpoint?.response != null);
  const [status, setStatus] = useState(String(endpoint?.response?.status ?? 200));
  const [headers, setHeaders] = useState(
    headersToText(endpoint?.response?.headers ?? [['Content-Type', 'application/json']]),
  );
  const [body, setBody] = useState(endpoint?.response?.body ?? '{"ok":true}');
  const [delay, setDelay] = useState(String(endpoint?.response?.delayMs ?? 0));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelInput = useRef<HTMLInputElement>(null);
  useEffect(() => labelInput.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const secretList = secrets
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const response = custom
      ? { status: Number(status), headers: textToHeaders(headers), body, delayMs: Number(delay) || 0 }
      : null;
    try {
      if (endpoint) {
        await update(endpoint.id, {
          label,
          provider,
          rejectInvalid,
          forwardUrl: forwardUrl.trim() || null,
          response,
          ...(secretList.length ? { secrets: secretList } : {}),
        });
      } else {
        await create({
          label,
          provider,
          secrets: secretList,
          generateSecret: generate,
          rejectInvalid,
          forwardUrl: forwardUrl.trim() || null,
          response,
        });
      }
      close(null);
    } catch (err) {
      setError(errorMessage(err));
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
      setError(errorMessage(err));
    }
  };

  return (
    <Modal title={endpoint ? `Edit ${endpoint.label}` : 'New endpoint'} onClose={() => close(null)}>
      <form className="form" onSubmit={submit}>
        <label>
          Label
          <input
            ref={labelInput}
            name="label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="stripe-dev"
            required
          />
        </label>
        <label>
          Provider
          <select name="provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p === 'auto' ? 'auto (detect from headers)' : p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {endpoint
            ? `Signing secrets (${endpoint.secretCount} set; leave empty to keep them)`
            : 'Signing secrets (one per line)'}
          <textarea
            name="secrets"
            rows={2}
            value={secrets}
            onChange={(e) => setSecrets(e.target.value)}
            placeholder="whsec_…"
            className="mono"
          />
        </label>
        {!endpoint && (
          <label className="check">
            <input type="checkbox" checked={generate} onChange={(e) => setGenerate(e.target.checked)} />
            Generate a secret if none is given (for senders that let you choose one)
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            name="rejectInvalid"
            checked={rejectInvalid}
            onChange={(e) => setRejectInvalid(e.target.checked)}
          />
          Reject requests with an invalid signature (answer 401; they are still stored)
        </label>
        <label>
          Forward to (optional)
          <input
            name="forwardUrl"
            value={forwardUrl}
            onChange={(e) => setForwardUrl(e.target.value)}
            placeholder="http://localhost:3000/webhooks"
            className="mono"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={custom} onChange={(e) => setCustom(e.target.checked)} />
          Custom response to the sender
        </label>
        {custom && (
          <fieldset className="grid-2">
            <label>
              Status
              <input
                type="number"
                min={100}
                max={599}
                value={status}
                onChange={(e) => setStatus(e.target.value)}
              />
            </label>
            <label>
              Delay (ms)
              <input
                type="number"
                min={0}
                max={60000}
                value={delay}
                onChange={(e) => setDelay(e.target.value)}
              />
            </label>
            <label className="span-2">
              Headers (Name: value per line)
              <textarea
                rows={2}
                value={headers}
                onChange={(e) => setHeaders(e.target.value)}
                className="mono"
              />
            </label>
            <label className="span-2">
              Body
              <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} className="mono" />
            </label>
          </fieldset>
        )}
        {error && <p className="callout callout-error">{error}</p>}
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
