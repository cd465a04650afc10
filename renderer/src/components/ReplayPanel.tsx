import { useState } from 'react';
import type { ApiEndpoint, ApiEvent } from '../../../shared/api';
import { bytesToBase64, headersToText, textToHeaders } from '../lib/body';
import { looksLikeJson } from '../lib/json-check';
import { lastReplayTarget, rememberReplayTarget, resignByDefault } from '../lib/replay-defaults';
import { useStore } from '../store';
import { CodeEditor } from './CodeEditor';
import { DeliveryLog } from './DeliveryLog';

// Hop-by-hop and length headers are recomputed by the replayer; editing them would only break the request.
const DROP = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

/** One-click replay to the forward URL, an edit-and-replay editor, and the delivery log. */
export function ReplayPanel({ event, endpoint }: { event: ApiEvent; endpoint: ApiEndpoint | undefined }) {
  const forwardUrl = endpoint?.forwardUrl ?? null;
  const replay = useStore((s) => s.replay);
  const replaying = useStore((s) => s.replaying);
  const deliveries = useStore((s) => s.deliveries);
  const [target, setTarget] = useState(() => lastReplayTarget(event.endpointId) || (forwardUrl ?? ''));
  const [method, setMethod] = useState(event.method);
  const [path, setPath] = useState(event.path + (event.query ? `?${event.query}` : ''));
  const [headers, setHeaders] = useState(
    headersToText(event.headers.filter(([n]) => !DROP.has(n.toLowerCase()))),
  );
  const [body, setBody] = useState(event.bodyText ?? '');
  const [resign, setResign] = useState(() => resignByDefault(event, endpoint));
  const binary = event.bodyText === null && event.bodySize > 0;

  return (
    <div className="replay-panel">
      <section className="card">
        <h3>Replay</h3>
        {forwardUrl ? (
          <div className="row replay-forward-row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={replaying}
              onClick={() => void replay({})}
              data-testid="replay-forward"
            >
              Replay to forward URL
            </button>
            <code className="muted" title={forwardUrl}>
              {forwardUrl}
            </code>
          </div>
        ) : (
          <p className="muted">
            This endpoint has no forward URL. Set one on the endpoint for one-click replays, or send it
            anywhere below.
          </p>
        )}
      </section>
      <section className="card">
        <h3>Edit and replay</h3>
        <form
          className="form"
          data-testid="replay-editor"
          onSubmit={(e) => {
            e.preventDefault();
            if (target.trim()) rememberReplayTarget(event.endpointId, target.trim());
            void replay({
              targetUrl: target.trim() || undefined,
              resign,
              edits: {
                method,
                path,
                headers: textToHeaders(headers),
                ...(binary ? {} : { bodyBase64: bytesToBase64(new TextEncoder().encode(body)) }),
              },
            });
          }}
        >
          <div className="grid-replay">
            <label>
              Method
              <input
                name="method"
                value={method}
                onChange={(e) => setMethod(e.target.value.toUpperCase())}
                className="mono"
              />
            </label>
            <label>
              Target URL
              <input
                name="target"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                placeholder="http://localhost:3000/webhooks"
                className="mono"
                required={!forwardUrl}
              />
            </label>
          </div>
          <label>
            Path and query (appended to the target)
            <input name="path" value={path} onChange={(e) => setPath(e.target.value)} className="mono" />
          </label>
          <label>
            Headers (Name: value per line)
            <textarea
              name="headers"
              rows={5}
              value={headers}
              onChange={(e) => setHeaders(e.target.value)}
              className="mono"
            />
          </label>
          <div className="code-field">
            Body
            {binary ? (
              <textarea
                name="body"
                rows={2}
                value="(binary body: sent unchanged)"
                disabled
                className="mono"
              />
            ) : (
              <CodeEditor
                value={body}
                onChange={setBody}
                label="Body"
                language={looksLikeJson(body) ? 'json' : 'text'}
                testId="replay-body"
              />
            )}
          </div>
          <div className="form-actions">
            <label className="check">
              <input
                type="checkbox"
                name="resign"
                checked={resign}
                onChange={(e) => setResign(e.target.checked)}
              />
              Re-sign with the endpoint's secret (fresh timestamp), so your app's signature check passes after
              edits
            </label>
            <span className="grow" />
            <button type="submit" className="btn btn-primary" disabled={replaying}>
              {replaying ? 'Sending…' : 'Send'}
            </button>
          </div>
        </form>
      </section>
      <DeliveryLog deliveries={deliveries} />
    </div>
  );
}
