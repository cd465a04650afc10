import { type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StreamError, openChangeStream, parseChange } from '../../electron/shell/change-stream';
import type { Change } from '../../shared/changes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const change = (id: number): Change => ({
  id,
  kind: 'event.created',
  ref: `evt_${id}`,
  endpointId: 'ep_1',
  at: id,
});

/** A stand-in UI server on 127.0.0.1 whose stream answers are written by `answer` (one call per connection). */
async function sseServer(answer: (res: ServerResponse, connection: number) => void): Promise<string> {
  let connections = 0;
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/api/stream')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    connections += 1;
    answer(res, connections);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('openChangeStream', () => {
  it('reads changes split anywhere, with CRLF, comments, retry hints and other events in between', async () => {
    const text = [
      'retry: 1000\n: connected at change 3\n\n',
      `event: change\ndata: ${JSON.stringify(change(4))}\n\n`,
      'event: other\ndata: {"id":99}\n\n',
      `event: change\r\ndata: ${JSON.stringify(change(5))}\r\n\r\n`,
      'event: change\ndata: not json\n\n: ping\n\n',
      `id: 6\nevent: change\ndata: ${JSON.stringify(change(6))}\n\n`,
    ].join('');
    const origin = await sseServer((res) => {
      // Five characters at a time: message boundaries fall mid-line and mid-CRLF.
      const chunks = text.match(/[\s\S]{1,5}/g) ?? [];
      const next = () => {
        const chunk = chunks.shift();
        if (chunk !== undefined) res.write(chunk, next);
      };
      next();
    });
    const changes: Change[] = [];
    const stream = openChangeStream({ origin, token: 't' }, { onChange: (c) => changes.push(c) });
    cleanups.push(() => stream.close());
    await vi.waitFor(() => expect(changes.map((c) => c.id)).toEqual([4, 5, 6]));
    expect(changes[0]).toEqual(change(4));
  });

  it('drops a stream that never ends its message, says so, and reconnects', async () => {
    const origin = await sseServer((res, connection) => {
      if (connection === 1) res.write(`data: ${'x'.repeat(2 * 1024 * 1024)}`);
      else res.write(`event: change\ndata: ${JSON.stringify(change(7))}\n\n`);
    });
    const changes: number[] = [];
    const errors: StreamError[] = [];
    const stream = openChangeStream(
      { origin, token: 't' },
      { onChange: (c) => changes.push(c.id), onError: (e) => errors.push(e) },
      50,
    );
    cleanups.push(() => stream.close());
    await vi.waitFor(() => expect(changes).toEqual([7]), { timeout: 10_000 });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/change stream: .*buffer size/i)]);
  });
});

describe('parseChange', () => {
  it('accepts a Change and refuses anything else', () => {
    expect(parseChange(JSON.stringify(change(4)))).toEqual(change(4));
    expect(parseChange(JSON.stringify({ ...change(4), kind: 'event.exploded' }))).toBeNull();
    expect(parseChange(JSON.stringify({ ...change(4), ref: 5 }))).toBeNull();
    expect(parseChange('nope')).toBeNull();
  });
});
