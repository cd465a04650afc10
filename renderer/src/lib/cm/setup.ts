// Loaded lazily (dynamic import) by CodeEditor and DiffView, so CodeMirror stays out of the first paint.
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import {
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, linter } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { jsonProblem } from '../json-check';

/** What the editor highlights and checks. */
export type CodeLanguage = 'json' | 'text';

// The app's own palette (CSS variables), so light and dark follow the system like the rest of the UI.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--j-key)' },
  { tag: tags.string, color: 'var(--j-str)' },
  { tag: tags.number, color: 'var(--j-num)' },
  { tag: [tags.bool, tags.null], color: 'var(--j-bool)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', fontSize: '12px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--panel-2)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selected)',
  },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--panel-2)', border: 'none', color: 'var(--muted)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--dialog)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
});

/**
 * Where JSON first breaks, as an offset: the browser's JSON.parse says what is wrong but (in Chromium)
 * not where, so the JSON grammar's first error node gives the place.
 */
export function jsonErrorOffset(text: string): number {
  let at = text.length;
  jsonLanguage.parser.parse(text).iterate({
    enter(node) {
      if (at !== text.length) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  return at;
}

/** The editor's JSON check: one diagnostic where the text first breaks, with the parser's reason. */
function jsonLint(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const problem = jsonProblem(text);
  if (!problem) return [];
  const from = Math.min(jsonErrorOffset(text), text.length);
  return [{ from, to: Math.min(from + 1, text.length), severity: 'error', message: problem }];
}

/** JSON highlighting, plus its parse check where the text can be edited. */
function languageExtensions(language: CodeLanguage, readOnly: boolean): Extension[] {
  if (language !== 'json') return [];
  return [json(), ...(readOnly ? [] : [linter(jsonLint, { delay: 300 }), lintGutter()])];
}

/** The extensions every Hookline editor shares: palette, line numbers, folding, and JSON checks. */
export function baseExtensions(language: CodeLanguage, readOnly: boolean, label: string): Extension[] {
  return [
    theme,
    lineNumbers(),
    foldGutter(),
    drawSelection(),
    bracketMatching(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    syntaxHighlighting(highlight),
    keymap.of([...foldKeymap]),
    ...(language === 'json'
      ? [json(), ...(readOnly ? [] : [linter(jsonLint, { delay: 300 }), lintGutter()])]
      : []),
    ...(readOnly
      ? []
      : [history(), indentOnInput(), keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab])]),
  ];
}

/** A mounted editor: read its text through onChange, replace it with setText. */
export interface EditorHandle {
  setText(text: string): void;
  setLanguage(language: CodeLanguage): void;
  destroy(): void;
}

/** Mounts an editor in `parent`. */
export function createCodeEditor(
  parent: HTMLElement,
  options: {
    text: string;
    language: CodeLanguage;
    readOnly: boolean;
    label: string;
    onChange(text: string): void;
  },
): EditorHandle {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        ...baseExtensions('text', options.readOnly, options.label),
        language.of(languageExtensions(options.language, options.readOnly)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(text) {
      // Only outside changes (a reset, a new example) replace the text; echoes of typing do nothing.
      if (text !== view.state.doc.toString())
        // Its own undo step: Ctrl+Z takes back a Format or a reset without also undoing the typing before it.
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          annotations: isolateHistory.of('full'),
        });
    },
    // Switching between JSON and text keeps the editor (focus, cursor, undo) instead of rebuilding it.
    setLanguage: (next) =>
      view.dispatch({ effects: language.reconfigure(languageExtensions(next, options.readOnly)) }),
    destroy: () => view.destroy(),
  };
}
