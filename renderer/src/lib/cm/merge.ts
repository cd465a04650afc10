// Loaded lazily by DiffBodies: the merge view is only needed when two events are compared.
import { MergeView } from '@codemirror/merge';
import { EditorView } from '@codemirror/view';
import { type CodeLanguage, baseExtensions } from './setup';

const mergeTheme = EditorView.theme({
  '&.cm-merge-a .cm-changedLine, .cm-deletedChunk': { backgroundColor: 'var(--bad-soft)' },
  '&.cm-merge-b .cm-changedLine': { backgroundColor: 'var(--ok-soft)' },
  '&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText': {
    background: 'color-mix(in srgb, var(--bad) 30%, transparent)',
  },
  '&.cm-merge-b .cm-changedText': { background: 'color-mix(in srgb, var(--ok) 30%, transparent)' },
});

/** Mounts a read-only side-by-side view of two texts (a on the left); returns how to remove it. */
export function createMergeView(
  parent: HTMLElement,
  texts: { a: string; b: string; language: CodeLanguage },
): () => void {
  const view = new MergeView({
    parent,
    a: { doc: texts.a, extensions: [baseExtensions(texts.language, true, 'Body of event A'), mergeTheme] },
    b: { doc: texts.b, extensions: [baseExtensions(texts.language, true, 'Body of event B'), mergeTheme] },
    gutter: true,
    collapseUnchanged: { margin: 3, minSize: 6 },
  });
  return () => view.destroy();
}
