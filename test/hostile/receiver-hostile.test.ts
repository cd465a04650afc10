/**
 * Hostile input at the receiver, over real sockets: header floods, very long URLs, traversal-shaped
 * ids, request smuggling shapes, slow and aborted bodies, idle-connection floods. Each gets a clear
 * answer (or is cut off), nothing half-received is stored, and an honest sender right after is fine.
 * (test/receiver/capture.test.ts covers plain 404/413 and the header-slowloris case.)
 */
import { type Socket, connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/types';
import { startInboxServer } from '../helpers/inbox-server';
import { buildRequest, rawRequest } from '../helpers/raw-http';

async function setup(options: Parameters<typeof startInboxServer>[0] = {}) {
  const server = await startInboxServer(options);
  const endpoint = server.inbox.createEndpoint({ label: 'hostile' }, 'cli');
  const count = () => server.inbox.listEvents({ limit: 10_000 }).length;
  const honest = async () => {
    const res = await fetch(server.url(endpoint.id, '/after'), { method: 'POST', body: 'honest' });
    return res.status;
  };
  return { ...server, endpoint, count, honest };
}

const close: HeaderPair = ['Connection', 'close'];

function send(port: number, bytes: Buffer | string) {
  return rawRequest(port, bytes, 15_000);
}

/** Opens a socket and resolves once it is connected. */
function opened(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

describe('header floods and long URLs', () => {
  it('keeps every one of 3,000 small headers, or refuses the request — never drops some silently', async () => {
    const { receiver, inbox, endpoint, honest } = await setup();
    const many: HeaderPair[] = Array.from({ length: 3_000 }, (_, i) => [`x-${i}`, String(i)]);
    const res = await send(
      receiver.port,
      buildRequest('POST', `/h/${endpoint.id}`, [['Host', 'x'], ...many, ['Content-Length', '0'], close]),
    );
    if (res.status === 200) {
      const stored = inbox.getEvent(res.headers['x-hookline-event-id'] ?? '');
      expect(stored.headers).toHaveLength(3_003);
      expect(stored.headers.slice(1, 3_001)).toEqual(many);
    } else {
      expect(res.status).toBe(431);
    }
    expect(await honest()).toBe(200);
  });

  it('answers 431 to a header block over the limit, stores nothing, and keeps serving', async () => {
    const { receiver, endpoint, count, honest } = await setup();
    const flood: HeaderPair[] = Array.from({ length: 2_000 }, (_, i) => [`X-Flood-${i}`, 'y'.repeat(60)]);
    const res = await send(
      receiver.port,
      buildRequest('POST', `/h/${endpoint.id}`, [['Host', 'x'], ...flood, ['Content-Length', '0'], close]),
    );
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).ok).toBe(false);
    const huge = await send(
      receiver.port,
      buildRequest('POST', `/h/${endpoint.id}`, [['Host', 'x'], ['X-Huge', 'z'.repeat(200_000)], close]),
    );
    expect(huge.status).toBe(431);
    expect(count()).toBe(0);
    expect(await honest()).toBe(200);
  });

  it('stores a long (30 KB) path exactly and refuses a 200 KB URL with a 4xx', async () => {
    const { receiver, inbox, endpoint, count, honest } = await setup();
    const longPath = `/${'a/'.repeat(15_000)}`;
    const ok = await send(
      receiver.port,
      buildRequest('GET', `/h/${endpoint.id}${longPath}?q=${'b'.repeat(100)}`, [['Host', 'x'], close]),
    );
    expect(ok.status).toBe(200);
    expect(inbox.getEvent(ok.headers['x-hookline-event-id'] ?? '').path).toBe(longPath);
    const tooLong = await send(
      receiver.port,
      buildRequest('GET', `/h/${endpoint.id}/${'c'.repeat(200_000)}`, [['Host', 'x'], close]),
    );
    expect(tooLong.status).toBeGreaterThanOrEqual(400);
    expect(tooLong.status).toBeLessThan(500);
    expect(count()).toBe(1);
    expect(await honest()).toBe(200);
  });
});

describe('endpoint ids cannot be forged by traversal or encoding', () => {
  it('routes only an exact id; traversal shapes are 404 or stored raw under the real endpoint', async () => {
    const { receiver, inbox, endpoint, count } = await setup();
    const refused = [
      '/h/../healthz',
      '/h/%2e%2e/',
      '/h/..%2f..%2fetc%2fpasswd',
      `/h/%2E%2E/h/${endpoint.id}`,
      `/h/./${endpoint.id}`,
      `//h/${endpoint.id}`,
      `/H/${endpoint.id}`,
      `/h/${endpoint.id.toLowerCase() === endpoint.id ? endpoint.id.toUpperCase() : endpoint.id.toLowerCase()}`,
      `/h/${endpoint.id}x`,
      `/h/%${endpoint.id}`,
      `/h/${endpoint.id}%00`,
      `/h/${endpoint.id}.json`,
      `/h/${endpoint.id}%2f..%2fother`,
    ];
    for (const target of refused) {
      const res = await send(
        receiver.port,
        buildRequest('POST', target, [['Host', 'x'], ['Content-Length', '1'], close], Buffer.from('x')),
      );
      expect(res.status, target).toBe(404);
    }
    expect(count()).toBe(0);
    // Below a real id, dots are just path text: stored as sent, never resolved against anything.
    for (const rest of ['/../../etc/passwd', '/%2e%2e/%2e%2e/', '/./a/../b']) {
      const res = await send(
        receiver.port,
        buildRequest('POST', `/h/${endpoint.id}${rest}`, [['Host', 'x'], ['Content-Length', '0'], close]),
      );
      expect(res.status, rest).toBe(200);
      expect(inbox.getEvent(res.headers['x-hookline-event-id'] ?? '').path).toBe(rest);
    }
  });
});

describe('request smuggling shapes', () => {
  const smuggled = (id: string) =>
    `0\r\n\r\nPOST /h/${id}/smuggled HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nevil!`;
  const shapes = (id: string): [string, HeaderPair[]][] => [
    [
      'CL + TE',
      [
        ['Content-Length', String(smuggled(id).length)],
        ['Transfer-Encoding', 'chunked'],
      ],
    ],
    [
      'TE + CL',
      [
        ['Transfer-Encoding', 'chunked'],
        ['Content-Length', '3'],
      ],
    ],
    [
      'two different CLs',
      [
        ['Content-Length', '3'],
        ['Content-Length', String(smuggled(id).length)],
      ],
    ],
    ['CL list', [['Content-Length', `3, ${smuggled(id).length}`]]],
    ['signed CL', [['Content-Length', `+${smuggled(id).length}`]]],
    ['TE chunked not last', [['Transfer-Encoding', 'chunked, identity']]],
    ['TE obfuscated', [['Transfer-Encoding', 'xchunked']]],
    ['TE with space before colon', [['Transfer-Encoding ', 'chunked']]],
    ['TE obs-fold', [['Transfer-Encoding', 'identity\r\n chunked']]],
  ];

  it('refuses conflicting framing with a 4xx and never stores the request or the one hidden in its body', async () => {
    const { receiver, endpoint, count, honest } = await setup();
    for (const [name, framing] of shapes(endpoint.id)) {
      const res = await send(
        receiver.port,
        buildRequest(
          'POST',
          `/h/${endpoint.id}`,
          [['Host', 'x'], ...framing, close],
          Buffer.from(smuggled(endpoint.id)),
        ),
      );
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      expect(res.raw.match(/HTTP\/1\.1 /g)?.length ?? 0, `${name}: one answer only`).toBe(1);
    }
    expect(count()).toBe(0);
    expect(await honest()).toBe(200);
  });

  it('stores two honest pipelined requests on one connection as two events with their own bodies', async () => {
    const { receiver, inbox, endpoint } = await setup();
    const first = buildRequest(
      'POST',
      `/h/${endpoint.id}/one`,
      [
        ['Host', 'x'],
        ['Content-Length', '3'],
      ],
      Buffer.from('111'),
    );
    const second = buildRequest(
      'POST',
      `/h/${endpoint.id}/two`,
      [['Host', 'x'], ['Content-Length', '4'], close],
      Buffer.from('2222'),
    );
    const res = await send(receiver.port, Buffer.concat([first, second]));
    expect(res.raw.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    const events = inbox.listEvents({ order: 'asc' }).map((e) => inbox.getEvent(e.id));
    expect(events.map((e) => [e.path, Buffer.from(e.body).toString()])).toEqual([
      ['/one', '111'],
      ['/two', '2222'],
    ]);
  });
});

describe('slow, aborted and idle clients', () => {
  it('cuts off a body that trickles in slower than the request timeout and stores nothing of it', async () => {
    const { receiver, endpoint, count, honest } = await setup({
      headersTimeoutMs: 1_000,
      requestTimeoutMs: 1_500,
    });
    const socket = await opened(receiver.port);
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('error', () => undefined);
    socket.write(`POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n`);
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(drip);
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    expect(count()).toBe(0);
    expect(await honest()).toBe(200);
  });

  it('stores nothing of a request whose sender disconnects mid-body', async () => {
    const { receiver, endpoint, count, honest } = await setup();
    for (const sent of [0, 1, 5_000, 65_536]) {
      const socket = await opened(receiver.port);
      socket.on('error', () => undefined);
      socket.write(`POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n`);
      socket.write(Buffer.alloc(sent, 0x61));
      await new Promise((r) => setTimeout(r, 50));
      socket.destroy();
    }
    // A chunked body cut before its last chunk, too.
    const socket = await opened(receiver.port);
    socket.write(
      `POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`,
    );
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(0);
    expect(await honest()).toBe(200);
    expect(count()).toBe(1);
  });

  it('answers an honest sender while 300 idle connections and 20 header-trickling ones hang open', async () => {
    const { receiver, endpoint, honest } = await setup({ headersTimeoutMs: 3_000 });
    const idle = await Promise.all(Array.from({ length: 300 }, () => opened(receiver.port)));
    const trickling = await Promise.all(Array.from({ length: 20 }, () => opened(receiver.port)));
    for (const s of [...idle, ...trickling]) s.on('error', () => undefined);
    for (const s of trickling) s.write(`POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\n`);
    const drip = setInterval(() => {
      for (const s of trickling) if (s.writable) s.write('X-Slow: 1\r\n');
    }, 200);
    try {
      for (let i = 0; i < 5; i++) expect(await honest()).toBe(200);
    } finally {
      clearInterval(drip);
      for (const s of [...idle, ...trickling]) s.destroy();
    }
  });
});
