import { useState } from 'react';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context or focus; fall back to the old selection trick.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** A small button that copies text (or text fetched on click) and confirms with a check mark. */
export function CopyButton({
  text,
  label = 'Copy',
  title,
}: {
  text: string | (() => Promise<string>);
  label?: string;
  title?: string;
}) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost copy"
      title={title ?? 'Copy to clipboard'}
      onClick={(e) => {
        e.stopPropagation();
        const show = (state: 'copied' | 'failed') => {
          setDone(state);
          setTimeout(() => setDone(null), 1200);
        };
        void (typeof text === 'string' ? Promise.resolve(text) : text())
          .then(copyText)
          .then(() => show('copied'))
          .catch(() => show('failed'));
      }}
    >
      {done === 'copied' ? '✓ Copied' : done === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
