import { useEffect, useRef, useState } from 'react';
import type { CodeLanguage, EditorHandle } from '../lib/cm/setup';

type Cm = typeof import('../lib/cm/setup');
import { jsonProblem } from '../lib/json-check';

/**
 * A code editor (CodeMirror 6, loaded on first use) for bodies and JSON: highlighting, folding and,
 * for JSON, the parse error shown inline under it. Falls back to a textarea if the editor fails to load.
 */
export function CodeEditor({
  value,
  onChange,
  label,
  language = 'json',
  readOnly = false,
  testId,
  height = 180,
}: {
  value: string;
  onChange?(text: string): void;
  label: string;
  language?: CodeLanguage;
  readOnly?: boolean;
  testId?: string;
  /** Height in pixels; the editor scrolls beyond it and the user can drag it taller. */
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<EditorHandle | null>(null);
  const latest = useRef({ value, onChange, language });
  latest.current = { value, onChange, language };
  const [failed, setFailed] = useState(false);
  const [cm, setCm] = useState<Cm | null>(null);

  useEffect(() => {
    let cancelled = false;
    import('../lib/cm/setup')
      .then((cm) => {
        if (cancelled || !host.current) return;
        host.current.replaceChildren();
        setCm(cm);
        handle.current = cm.createCodeEditor(host.current, {
          text: latest.current.value,
          language: latest.current.language,
          readOnly,
          label,
          onChange: (text) => latest.current.onChange?.(text),
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [readOnly, label]);

  useEffect(() => handle.current?.setText(value), [value]);
  useEffect(() => handle.current?.setLanguage(language), [language]);

  const problem = language === 'json' && !readOnly ? jsonProblem(value) : null;
  const where = problem && cm ? lineAndColumn(value, cm.jsonErrorOffset(value)) : '';
  return (
    <div className="code-editor-wrap" data-testid={testId}>
      {failed ? (
        <textarea
          aria-label={label}
          className="mono"
          style={{ height }}
          value={value}
          readOnly={readOnly}
          onChange={(e) => onChange?.(e.target.value)}
        />
      ) : (
        <div className={`code-editor ${problem ? 'invalid' : ''}`} ref={host} style={{ height }}>
          <span className="muted code-editor-loading">Loading editor…</span>
        </div>
      )}
      {problem ? (
        <span className="code-editor-problem" role="alert" data-testid="json-problem">
          Not valid JSON{where}: {problem}
        </span>
      ) : (
        language === 'json' &&
        !readOnly &&
        value.trim() !== '' && (
          <button
            type="button"
            className="btn btn-ghost btn-small code-editor-format"
            onClick={() => onChange?.(JSON.stringify(JSON.parse(value), null, 2))}
            title="Pretty-print (changes the bytes sent)"
          >
            Format JSON
          </button>
        )
      )}
    </div>
  );
}

/** " at line L, column C" of an offset in `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return ` at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
}
