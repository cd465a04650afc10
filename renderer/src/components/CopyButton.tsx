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

/** A small button that copies text and confirms with a check mark. */
export function CopyButton({
  text,
  label = 'Copy',
  title,
}: {
  text: string;
  label?: string;
  title?: string;
}) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost copy"
      title={title ?? 'Copy to clipboard'}
      onClick={(e) => {
        e.stopPropagation();
        void copyText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        });
      }}
    >
      {done ? '✓ Copied' : label}
    </button>
  );
}
