import { type FormEvent, useState } from 'react';
import { relayStatusText } from '../../../shared/relay-text';
import { ApiError, call, errorMessage } from '../api/client';
import { useStore } from '../store';
import { Modal } from './Modal';

type Field = 'url' | 'token';

/** "Connect to relay": the relay's URL and a member token; the state of the connection; disconnect. */
export function RelayDialog() {
  const close = useStore((s) => s.openModal);
  const relay = useStore((s) => s.status?.relay ?? null);
  const loadStatus = useStore((s) => s.loadStatus);
  const [url, setUrl] = useState(relay?.url ?? '');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: Field | null } | null>(null);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('relay.connect', { url, token });
      setToken('');
      await loadStatus();
    } catch (err) {
      const field =
        err instanceof ApiError && (err.field === 'url' || err.field === 'token') ? err.field : null;
      setError({ message: errorMessage(err), field });
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setBusy(true);
    try {
      await call('relay.disconnect', {});
      await loadStatus();
    } catch (err) {
      setError({ message: errorMessage(err), field: null });
    } finally {
      setBusy(false);
    }
  };

  const state = relay?.status?.state ?? null;
  return (
    <Modal title="Connect to relay" onClose={() => close(null)}>
      <p className="muted">
        A relay (<code>hookline relay</code> on an always-on host) receives while this computer sleeps.
        Connected, this inbox mirrors it: events arrive in order and catch up after sleep, endpoints you
        create here are created there with its public URL, and acks go both ways.
      </p>
      <output
        className={`callout relay-state ${state === 'error' ? 'callout-error' : ''}`}
        data-testid="relay-state"
      >
        <span className={`dot ${dotClass(state)}`} /> {relayStatusText(relay)}
      </output>
      <form className="form" onSubmit={connect}>
        {error && error.field === null && (
          <p className="callout callout-error" role="alert" data-testid="relay-error">
            {error.message}
          </p>
        )}
        <label>
          Relay URL
          <input
            name="url"
            value={url}
            aria-invalid={error?.field === 'url'}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://hooks.example.com"
            required
          />
          {error?.field === 'url' && (
            <span className="field-error" role="alert" data-testid="error-url">
              {error.message}
            </span>
          )}
        </label>
        <label>
          Member token
          <input
            name="token"
            type="password"
            autoComplete="off"
            value={token}
            aria-invalid={error?.field === 'token'}
            onChange={(e) => setToken(e.target.value)}
            placeholder={
              relay ? 'saved (type a new one to change it)' : 'from hookline relay tokens create <name>'
            }
            required
          />
          {error?.field === 'token' && (
            <span className="field-error" role="alert" data-testid="error-token">
              {error.message}
            </span>
          )}
        </label>
        <div className="form-actions">
          {relay && (
            <button type="button" className="btn btn-danger" onClick={disconnect} disabled={busy}>
              Disconnect
            </button>
          )}
          <span className="grow" />
          <button type="button" className="btn" onClick={() => close(null)}>
            Close
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Checking…' : relay ? 'Reconnect' : 'Connect'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function dotClass(state: string | null): string {
  if (state === 'connected') return 'dot-ok';
  if (state === 'error') return 'dot-err';
  return state ? 'dot-warn' : 'dot-off';
}
