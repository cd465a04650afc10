import { describe, expect, it } from 'vitest';
import { parseServeLine } from '../../electron/shell/serve-facts';
import { LineSplitter, TextTail } from '../../electron/shell/text-tail';

const line = {
  app: 'hookline',
  version: '0.1.0',
  role: 'leader',
  pid: 42,
  home: '/h',
  receiverPort: 4780,
  localBaseUrl: 'http://127.0.0.1:4780',
  publicUrl: null,
  tunnel: { kind: 'none', state: 'off', publicUrl: null, lastError: null },
  uiUrl: 'http://127.0.0.1:4781/?token=t',
};

describe('parseServeLine', () => {
  it('reads the facts the shell needs', () => {
    expect(parseServeLine(`${JSON.stringify(line)}\r`)).toEqual({
      role: 'leader',
      pid: 42,
      home: '/h',
      receiverPort: 4780,
      uiUrl: 'http://127.0.0.1:4781/?token=t',
    });
    expect(parseServeLine(JSON.stringify({ ...line, uiUrl: null }))?.uiUrl).toBeNull();
  });

  it('ignores lines that are not Hookline facts', () => {
    for (const text of [
      '',
      'Hookline 0.1.0 — receiving',
      '{not json',
      '[1,2]',
      JSON.stringify({ ...line, app: 'other' }),
      JSON.stringify({ ...line, role: 'boss' }),
      JSON.stringify({ ...line, pid: '42' }),
      JSON.stringify({ ...line, uiUrl: 7 }),
    ]) {
      expect(parseServeLine(text), text).toBeNull();
    }
  });
});

describe('stream helpers', () => {
  it('splits lines across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('a\nb')).toEqual(['a']);
    expect(s.push('c\r\nd\n')).toEqual(['bc', 'd']);
  });

  it('keeps only the tail', () => {
    const t = new TextTail(5);
    t.push('hello ');
    t.push('world');
    expect(t.toString()).toBe('world');
  });
});
