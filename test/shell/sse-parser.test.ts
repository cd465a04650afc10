import { describe, expect, it } from 'vitest';
import { parseChange } from '../../electron/shell/change-stream';
import { SseParser } from '../../electron/shell/sse-parser';

describe('SseParser', () => {
  it('parses events split anywhere, skipping comments and retry hints', () => {
    const p = new SseParser();
    const text =
      'retry: 1000\n: connected at change 3\n\nevent: change\ndata: {"a":1}\n\nid: 7\ndata: x\ndata: y\n\n';
    const out = [];
    for (let i = 0; i < text.length; i += 5) out.push(...p.push(text.slice(i, i + 5)));
    expect(out).toEqual([
      { event: 'change', data: '{"a":1}', id: null },
      { event: 'message', data: 'x\ny', id: '7' },
    ]);
  });

  it('accepts CRLF line endings', () => {
    expect(new SseParser().push('event: change\r\ndata:{"b":2}\r\n\r\n')).toEqual([
      { event: 'change', data: '{"b":2}', id: null },
    ]);
  });
});

describe('parseChange', () => {
  it('accepts a Change and refuses anything else', () => {
    const change = { id: 4, kind: 'event.created', ref: 'evt_1', endpointId: 'ep_1', at: 1 };
    expect(parseChange(JSON.stringify(change))).toEqual(change);
    expect(parseChange(JSON.stringify({ ...change, kind: 'event.exploded' }))).toBeNull();
    expect(parseChange(JSON.stringify({ ...change, ref: 5 }))).toBeNull();
    expect(parseChange('nope')).toBeNull();
  });
});
