import { useEffect, useState } from 'react';
import type { ApiTriggerResult, ApiTriggerType } from '../../../shared/api';
import { call, errorMessage } from '../api/client';
import { initialProvider, triggerProviders } from '../lib/trigger-form';
import { useStore } from '../store';
import { CodeEditor } from './CodeEditor';
import { Modal } from './Modal';
import { TriggerResults } from './TriggerResults';

/**
 * "Send test event": a provider's example event, editable, signed with the endpoint's secret and sent
 * through the receiver, so it lands in the list (and is forwarded) like a real delivery.
 */
export function TriggerDialog({ endpointId }: { endpointId: string | null }) {
  const close = useStore((s) => s.openModal);
  const endpoints = useStore((s) => s.endpoints);
  const [target, setTarget] = useState(endpointId ?? endpoints[0]?.id ?? '');
  const endpoint = endpoints.find((e) => e.id === target);
  const [types, setTypes] = useState<ApiTriggerType[]>([]);
  const [provider, setProvider] = useState('');
  const [type, setType] = useState('');
  const [example, setExample] = useState('');
  const [body, setBody] = useState('');
  const [count, setCount] = useState('1');
  const [sending, setSending] = useState(false);
  const [results, setResults] = useState<ApiTriggerResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the catalogue is read once, on opening
  useEffect(() => {
    call('trigger.types', {})
      .then((r) => {
        setTypes(r.types);
        const first = initialProvider(triggerProviders(r.types), endpoint?.provider);
        setProvider(first);
        setType(r.types.find((t) => t.provider === first)?.type ?? '');
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);

  const loadExample = (p: string, t: string) => {
    if (!p || !t) return;
    call('trigger.example', { provider: p, type: t })
      .then((r) => {
        setExample(r.bodyText);
        setBody(r.bodyText);
      })
      .catch((e) => setError(errorMessage(e)));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new type brings its own example body
  useEffect(() => loadExample(provider, type), [provider, type]);

  const ofProvider = types.filter((t) => t.provider === provider);
  const described = ofProvider.find((t) => t.type === type);
  const edited = body !== example;
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const r = await call('trigger.send', {
        provider,
        type,
        endpointId: target,
        // An untouched example is rebuilt by the core with fresh ids and timestamps for every send.
        ...(edited ? { bodyText: body } : {}),
        count: Number(count) || 1,
      });
      setResults(r.results);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal title="Send test event" onClose={() => close(null)} wide>
      <form
        className="form"
        data-testid="trigger-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="trigger-pickers">
          <label>
            Provider
            <select
              name="provider"
              value={provider}
              onChange={(e) => {
                const next = e.target.value;
                setProvider(next);
                setType(types.find((t) => t.provider === next)?.type ?? '');
              }}
            >
              {triggerProviders(types).map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Event type
            <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
              {ofProvider.map((t) => (
                <option key={t.type}>{t.type}</option>
              ))}
            </select>
          </label>
          <label>
            Endpoint
            <select name="endpoint" value={target} onChange={(e) => setTarget(e.target.value)}>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {described && <span className="hint">{described.description}</span>}
        <div className="code-field">
          <span className="row trigger-body-head">
            Body
            <span className="grow" />
            {edited && (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => loadExample(provider, type)}
              >
                Reset to a fresh example
              </button>
            )}
          </span>
          <CodeEditor
            value={body}
            onChange={setBody}
            label="Event body"
            language={body.trimStart().startsWith('{') || body === '' ? 'json' : 'text'}
            testId="trigger-body"
            height={260}
          />
          <span className="hint">
            {edited
              ? 'Your edited body is sent and signed exactly as written.'
              : 'Unedited, every send gets fresh ids and timestamps.'}{' '}
            {endpoint?.secretCount
              ? "Signed with the endpoint's secret."
              : 'This endpoint has no secret yet: add one (Edit) to sign test events.'}
          </span>
        </div>
        {error && (
          <p className="callout callout-error" role="alert">
            {error}
          </p>
        )}
        {results && <TriggerResults results={results} onOpen={() => close(null)} />}
        <div className="form-actions">
          <label className="check">
            Send
            <input
              name="count"
              type="number"
              min={1}
              max={100}
              value={count}
              onChange={(e) => setCount(e.target.value)}
              className="trigger-count"
            />
            {count === '1' ? 'time' : 'times'}
          </label>
          <span className="grow" />
          <button type="button" className="btn" onClick={() => close(null)}>
            Close
          </button>
          <button type="submit" className="btn btn-primary" disabled={sending || !type || !target}>
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
