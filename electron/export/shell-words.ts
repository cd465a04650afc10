import { InboxError } from '../core/errors';

/** One word as bytes, written as a Latin-1 string (one char per byte), or a pipe between commands. */
export type ShellToken = { word: string } | { pipe: true };

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

/**
 * Splits a POSIX shell command line into words the way bash would for a pasted curl command:
 * '…', "…", $'…' (with \xNN bytes), backslash escapes and line continuations, `|` between commands,
 * `#` comments. The input is text; it is turned into UTF-8 bytes first, so every word is the exact
 * bytes the program would get as its argument (as a Latin-1 string).
 */
export function shellWords(command: string): ShellToken[] {
  const s = Buffer.from(command, 'utf8').toString('latin1');
  const tokens: ShellToken[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (what: string): never => {
    throw new InboxError('invalid', `Cannot read the command: ${what}`);
  };
  const end = () => {
    if (inWord) tokens.push({ word });
    word = '';
    inWord = false;
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && s[i + 2] === '\n') i += 3;
      else if (next === undefined) fail('it ends with a lone backslash');
      else {
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close === -1) fail('a single quote is not closed');
      word += s.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '$' && s[i + 1] === "'") {
      i += 2;
      inWord = true;
      while (s[i] !== "'") {
        if (i >= s.length) fail("a $'…' quote is not closed");
        if (s[i] === '\\') {
          const e = s[i + 1] ?? '';
          const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1, i + 4));
          const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
          if (hex?.[1]) {
            word += String.fromCharCode(Number.parseInt(hex[1], 16));
            i += 1 + hex[0].length;
          } else if (oct) {
            word += String.fromCharCode(Number.parseInt(oct[0], 8) & 0xff);
            i += 1 + oct[0].length;
          } else {
            word += ANSI_ESCAPES[e] ?? e;
            i += 2;
          }
        } else word += s[i++];
      }
      i++;
    } else if (ch === '"') {
      i++;
      inWord = true;
      while (s[i] !== '"') {
        if (i >= s.length) fail('a double quote is not closed');
        if (s[i] === '\\' && '$`"\\\n'.includes(s[i + 1] ?? '')) {
          if (s[i + 1] !== '\n') word += s[i + 1];
          i += 2;
        } else if (s[i] === '$' || s[i] === '`')
          fail('it uses shell variables or substitutions ($, `) inside double quotes');
        else word += s[i++];
      }
      i++;
    } else if (ch === '|') {
      end();
      tokens.push({ pipe: true });
      i++;
    } else if (ch === '#' && !inWord) {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (/\s/.test(ch)) {
      end();
      i++;
    } else if (ch === ';' || ch === '&' || ch === '<' || ch === '>' || ch === '`') {
      fail(`it uses "${ch}": paste a single curl command (pipes from printf/echo are fine)`);
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  end();
  return tokens;
}
