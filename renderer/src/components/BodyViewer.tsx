import { useEffect, useMemo, useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { base64ToBytes, decodeContent, formFields, headerValue, hexDump, tryJson, utf8 } from '../lib/body';
import { formatBytes } from '../lib/format';
import { CopyButton } from './CopyButton';
import { JsonTree } from './JsonTree';

type View = 'pretty' | 'raw' | 'form' | 'hex';

/** The body as a JSON tree, raw text, form fields or hex; gzip/deflate bodies are shown decoded. */
export function BodyViewer({ event }: { event: ApiEvent }) {
  const raw = useMemo(() => base64ToBytes(event.bodyBase64), [event.bodyBase64]);
  const encoding = headerValue(event.headers, 'content-encoding');
  const [decoded, setDecoded] = useState<Uint8Array | null>(null);
  useEffect(() => {
    let live = true;
    setDecoded(null);
    void decodeContent(raw, encoding).then((d) => live && setDecoded(d));
    return () => {
      live = false;
    };
  }, [raw, encoding]);

  const bytes = decoded ?? raw;
  const text = useMemo(() => utf8(bytes), [bytes]);
  const json = useMemo(() => tryJson(text), [text]);
  const isForm = /x-www-form-urlencoded/i.test(event.contentType ?? '') && text !== null;
  const views: View[] = [
    ...(json !== undefined ? (['pretty'] as const) : []),
    ...(isForm ? (['form'] as const) : []),
    ...(text !== null ? (['raw'] as const) : []),
    'hex',
  ];
  const [chosen, setView] = useState<View | null>(null);
  const view = chosen && views.includes(chosen) ? chosen : (views[0] ?? 'hex');

  if (raw.length === 0)
    return (
      <>
        <h3>Body</h3>
        <p className="muted">Empty body.</p>
      </>
    );
  return (
    <div className="body-viewer" data-testid="body-viewer">
      <h3>
        Body{' '}
        <span className="muted">
          {formatBytes(raw.length)}
          {decoded ? ` ${encoding} → ${formatBytes(decoded.length)} decoded` : ''}
        </span>
        <span className="grow" />
        <span className="segmented" role="tablist" aria-label="Body view">
          {views.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={v === view}
              className={v === view ? 'active' : ''}
              onClick={() => setView(v)}
            >
              {v === 'pretty' ? 'JSON' : v === 'raw' ? 'Raw' : v === 'form' ? 'Form' : 'Hex'}
            </button>
          ))}
        </span>
        <CopyButton
          text={
            view === 'hex' ? hexDump(bytes) : view === 'pretty' ? JSON.stringify(json, null, 2) : (text ?? '')
          }
        />
      </h3>
      {view === 'pretty' && <JsonTree value={json} />}
      {view === 'raw' && <pre className="code mono">{text}</pre>}
      {view === 'form' && text !== null && (
        <table className="headers">
          <tbody>
            {formFields(text).map(([k, v], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: form fields may repeat; order is stable
              <tr key={i}>
                <th className="mono">{k}</th>
                <td className="mono">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === 'hex' && <pre className="code mono hex">{hexDump(bytes)}</pre>}
    </div>
  );
}
