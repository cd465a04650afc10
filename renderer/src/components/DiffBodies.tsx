import { useEffect, useRef, useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { diffableBody } from '../lib/diff-text';

/** The two bodies side by side (CodeMirror's merge view, loaded on first use), changes highlighted. */
export function DiffBodies({ a, b }: { a: ApiEvent; b: ApiEvent }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let destroy: (() => void) | undefined;
    let cancelled = false;
    const left = diffableBody(a);
    const right = diffableBody(b);
    import('../lib/cm/merge')
      .then((m) => {
        if (cancelled || !host.current) return;
        host.current.replaceChildren();
        destroy = m.createMergeView(host.current, {
          a: left.text,
          b: right.text,
          language: left.language === 'json' && right.language === 'json' ? 'json' : 'text',
        });
      })
      .catch((e) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [a, b]);
  if (failed) return <p className="callout callout-error">The side-by-side view did not load: {failed}</p>;
  return (
    <div className="diff-bodies">
      <div className="diff-sides muted">
        <span>A · {a.id}</span>
        <span>B · {b.id}</span>
      </div>
      <div className="diff-merge" ref={host} data-testid="diff-merge">
        <span className="muted code-editor-loading">Loading…</span>
      </div>
    </div>
  );
}
