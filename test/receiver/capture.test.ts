import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCliJson } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';
import { buildRequest, rawRequest } from '../helpers/raw-http';

interface ShownEvent {
  id: string;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  bodyBase64: string;
  bodyText: string | null;
  bodySize: number;
}

async function setup() {
  const server = await startInboxServer();
  const endpoint = server.inbox.createEndpoint({ label: 'capture' }, 'cli');
  return { ...server, endpoint };
}

function eventIdOf(body: string): string {
  const parsed = JSON.parse(body) as { ok: boolean; event_id: string };
  expect(parsed.ok).toBe(true);
  return parsed.event_id;
}

describe('receiver stores requests byte-exact', () => {
  it('keeps a 1 MiB binary body, a gzip body, a form body, invalid JSON and an empty body exactly', async () => {
    const { home, receiver, endpoint } = await setup();
    const cases: { name: string; contentType: string; body: Buffer; extra?: [string, string][] }[] = [
      { name: 'binary', contentType: 'application/octet-stream', body: randomBytes(1024 * 1024) },
      {
        name: 'gzip',
        contentType: 'application/json',
        body: gzipSync(Buffer.from(JSON.stringify({ compressed: true, n: [1, 2, 3] }))),
        extra: [['Content-Encoding', 'gzip']],
      },
      {
        name: 'form',
        contentType: 'application/x-www-form-urlencoded',
        body: Buffer.from('a=1&b=%20two&a=3&empty='),
      },
      { name: 'bad-json', contentType: 'application/json', body: Buffer.from('{"unterminated": [1, 2,') },
      { name: 'empty', contentType: 'text/plain', body: Buffer.alloc(0) },
    ];
    for (const c of cases) {
      const headers: [string, string][] = [
        ['Host', `127.0.0.1:${receiver.port}`],
        ['Content-Type', c.contentType],
        ...(c.extra ?? []),
        ['Content-Length', String(c.body.length)],
        ['Connection', 'close'],
      ];
      const res = await rawRequest(
        receiver.port,
        buildRequest('POST', `/h/${endpoint.id}/${c.name}?case=${c.name}`, headers, c.body),
      );
      expect(res.status, c.name).toBe(200);
      const shown = runCliJson<ShownEvent>(home, ['events', 'show', eventIdOf(res.body)]);
      expect(Buffer.from(shown.bodyBase64, 'base64').equals(c.body), `${c.name} body bytes`).toBe(true);
      expect(shown.bodySize).toBe(c.body.length);
      expect(shown.headers).toEqual(headers);
      expect(shown.path).toBe(`/${c.name}`);
      expect(shown.query).toBe(`case=${c.name}`);
    }
  });

  it('keeps 200 headers in order with repeated names and original casing', async () => {
    const { home, receiver, endpoint } = await setup();
    const headers: [string, string][] = [['Host', `127.0.0.1:${receiver.port}`]];
    for (let i = 0; i < 196; i++)
      headers.push([i % 3 === 0 ? 'X-Repeated' : `X-Header-${i}`, `value ${i} ÄÖ`.slice(0, 12)]);
    headers.push(['content-type', 'application/json'], ['Content-Length', '2'], ['Connection', 'close']);
    expect(headers).toHaveLength(200);
    const res = await rawRequest(
      receiver.port,
      buildRequest('PUT', `/h/${endpoint.id}`, headers, Buffer.from('{}')),
    );
    expect(res.status).toBe(200);
    const shown = runCliJson<ShownEvent>(home, ['events', 'show', eventIdOf(res.body)]);
    expect(shown.headers).toEqual(headers);
    expect(shown.method).toBe('PUT');
  });

  it('stores a chunked body exactly as reassembled and answers only after commit', async () => {
    const { receiver, endpoint, inbox } = await setup();
    const parts = ['{"part":', '1,"more":"', 'x'.repeat(5000), '"}'];
    const chunked = `${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;
    const res = await rawRequest(
      receiver.port,
      buildRequest(
        'POST',
        `/h/${endpoint.id}`,
        [
          ['Host', 'x'],
          ['Transfer-Encoding', 'chunked'],
          ['Connection', 'close'],
        ],
        Buffer.from(chunked),
      ),
    );
    expect(res.status).toBe(200);
    // The 2xx promised the event is committed: it is readable at once, from a fresh connection too.
    const stored = inbox.getEvent(eventIdOf(res.body));
    expect(Buffer.from(stored.body).toString()).toBe(parts.join(''));
  });

  it('answers with the endpoint custom response after storing', async () => {
    const { receiver, inbox } = await setup();
    const custom = inbox.createEndpoint(
      {
        label: 'custom',
        response: { status: 202, headers: [['X-Reply', 'yes']], body: 'accepted!', delayMs: 50 },
      },
      'cli',
    );
    const res = await fetch(`http://127.0.0.1:${receiver.port}/h/${custom.id}`, {
      method: 'POST',
      body: 'hi',
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-reply')).toBe('yes');
    expect(await res.text()).toBe('accepted!');
    const id = res.headers.get('x-hookline-event-id');
    expect(id).toMatch(/^evt_/);
    expect(inbox.getEvent(id ?? '').responseStatus).toBe(202);
  });
});

describe('receiver refuses bad input clearly and keeps serving', () => {
  it('answers 404 JSON for unknown endpoints, traversal and other paths', async () => {
    const { receiver } = await setup();
    for (const path of [
      '/h/doesnotexist',
      '/h/../etc/passwd',
      '/h/%2e%2e/x',
      '/',
      '/api/status.get',
      '/favicon.ico',
    ]) {
      const res = await rawRequest(
        receiver.port,
        buildRequest('GET', path, [
          ['Host', 'x'],
          ['Connection', 'close'],
        ]),
      );
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
    }
  });

  it('answers 413 for an oversize body (declared or chunked) and stores nothing', async () => {
    const { receiver, endpoint, inbox } = await startInboxServer({ maxBodyBytes: 1024 }).then(async (s) => ({
      ...s,
      endpoint: s.inbox.createEndpoint({ label: 'small' }, 'cli'),
    }));
    const declared = await fetch(`http://127.0.0.1:${receiver.port}/h/${endpoint.id}`, {
      method: 'POST',
      body: 'x'.repeat(2048),
    });
    expect(declared.status).toBe(413);
    const chunkedBody = `${(3000).toString(16)}\r\n${'y'.repeat(3000)}\r\n0\r\n\r\n`;
    const chunked = await rawRequest(
      receiver.port,
      buildRequest(
        'POST',
        `/h/${endpoint.id}`,
        [
          ['Host', 'x'],
          ['Transfer-Encoding', 'chunked'],
        ],
        Buffer.from(chunkedBody),
      ),
    );
    expect(chunked.status).toBe(413);
    expect(inbox.listEvents({})).toHaveLength(0);
    const ok = await fetch(`http://127.0.0.1:${receiver.port}/h/${endpoint.id}`, {
      method: 'POST',
      body: 'small',
    });
    expect(ok.status).toBe(200);
  });

  it('cuts off a slowloris client and keeps serving others', async () => {
    const { receiver, endpoint } = await startInboxServer({
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
    }).then(async (s) => ({
      ...s,
      endpoint: s.inbox.createEndpoint({ label: 'slow' }, 'cli'),
    }));
    const { connect } = await import('node:net');
    const socket = connect(receiver.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.write(`POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\n`);
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
    const closedAfter = await new Promise<number>((resolve) => {
      const start = Date.now();
      socket.on('close', () => resolve(Date.now() - start));
      socket.on('error', () => undefined);
    });
    clearInterval(trickle);
    expect(closedAfter).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const ok = await fetch(`http://127.0.0.1:${receiver.port}/h/${endpoint.id}`, {
      method: 'POST',
      body: 'still fine',
    });
    expect(ok.status).toBe(200);
  });

  it('answers /healthz as Hookline with an opaque inbox identity', async () => {
    const { receiver, inbox } = await setup();
    const res = await new Promise<{ status: number; body: string }>((resolve) => {
      request({ port: receiver.port, host: '127.0.0.1', path: '/healthz' }, (r) => {
        let body = '';
        r.on('data', (d) => {
          body += d;
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      }).end();
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ app: 'hookline', dataDirId: inbox.dataDirId() });
  });
});
