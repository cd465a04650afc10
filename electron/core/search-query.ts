/**
 * The search syntax, shared by the GUI, the CLI and MCP: plain words must all appear (anywhere, as
 * substrings, any case); `"quoted phrases"` must appear as written; `-word` excludes; `header:`,
 * `path:`, `body:` and `type:` limit a term to one part of the event.
 */

/** Where a term must appear: anywhere, or in one field. */
export type SearchField = 'any' | 'header' | 'path' | 'body' | 'type';

/** One term of a query. */
export interface SearchTerm {
  field: SearchField;
  /** The text to find, lower-cased (search is case-insensitive). */
  text: string;
  /** True for `-term`: events containing it are left out. */
  exclude: boolean;
}

/** What an event offers to the terms (lower-cased by the matcher). */
export interface SearchFields {
  /** Everything: method, path, query, headers and body. */
  any: string;
  header: string;
  path: string;
  body: string;
  type: string;
}

const TOKEN = /(-?)(?:(header|path|body|type):)?(?:"([^"]*)"?|(\S+))/giy;

/** Lower-cases for matching; the index folds case the same way for the scripts people type. */
export function fold(text: string): string {
  return text.toLowerCase();
}

/** Parses what a person typed; never throws (anything unparseable is a literal term). */
export function parseSearch(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i] ?? '')) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(input);
    if (!m || m[0] === '') {
      i++;
      continue;
    }
    i = TOKEN.lastIndex;
    const [, minus, field, quoted, bare] = m;
    const text = quoted ?? bare ?? '';
    if (text === '') {
      // A lone `-` or `path:` with nothing after it: the characters themselves are what was meant.
      const literal = m[0].trim();
      if (literal !== '' && literal !== '-')
        terms.push({ field: 'any', text: fold(literal), exclude: false });
      continue;
    }
    terms.push({
      field: (field?.toLowerCase() as SearchField | undefined) ?? 'any',
      text: fold(text),
      exclude: minus === '-',
    });
  }
  return terms;
}

/** True when the event's fields satisfy every term. */
export function matchesAll(terms: SearchTerm[], fields: SearchFields): boolean {
  const folded: Partial<Record<SearchField, string>> = {};
  for (const term of terms) {
    folded[term.field] ??= fold(fields[term.field]);
    const found = (folded[term.field] ?? '').includes(term.text);
    if (found === term.exclude) return false;
  }
  return true;
}

/** Terms the trigram index can narrow by: included, 3+ characters, in the indexed text. */
export function indexableTerms(terms: SearchTerm[]): SearchTerm[] {
  return terms.filter((t) => !t.exclude && t.field !== 'type' && [...t.text].length >= 3);
}

// Enough trigrams to make a term's candidates few; more only slows the index lookup.
const MAX_TRIGRAMS_PER_TERM = 12;

/**
 * The trigram index query for terms: every trigram of every term (an AND). Candidates are a superset
 * of the matches (trigrams may occur apart), so each one is checked against the text afterwards.
 */
export function trigramQuery(terms: SearchTerm[]): string | null {
  const grams = new Set<string>();
  for (const term of terms) {
    const chars = [...term.text];
    const all: string[] = [];
    for (let i = 0; i + 3 <= chars.length; i++) all.push(chars.slice(i, i + 3).join(''));
    const step = Math.max(1, Math.ceil(all.length / MAX_TRIGRAMS_PER_TERM));
    for (let i = 0; i < all.length; i += step) grams.add(all[i] ?? '');
    grams.add(all[all.length - 1] ?? '');
  }
  grams.delete('');
  // FTS5 reads its query as a C string: a NUL (binary bodies decode to text with them) ends it
  // mid-literal ("unterminated string"). Fewer trigrams only widen the candidates, which are checked.
  for (const g of grams) if (g.includes('\u0000')) grams.delete(g);
  if (grams.size === 0) return null;
  return [...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(' AND ');
}
