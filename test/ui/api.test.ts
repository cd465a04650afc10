import { statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type SuiteServe, startSuiteServe, suiteHome } from './suite-serve';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with full control over the Host header (fetch cannot set it). */
function raw(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('UI API over real HTTP', () => {
  let home: string;
  let serve: SuiteServe;
  let ui: URL;
  let token: string;
  let port: number;
  const call = (method: string, params: unknown, headers: Record<string, string> = {}) =>
    raw(port, `/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(params),
    });

  beforeAll(async () => {
    home = suiteHome();
    serve = await startSuiteServe(home);
    ui = new URL(serve.facts.uiUrl ?? '');
    token = ui.searchParams.get('token') ?? '';
    port = Number(ui.port);
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('prints a loopback UI URL with a token, and advertises it in ui-server.json (0600)', () => {
    expect(ui.hostname).toBe('127.0.0.1');
    expect(token.length).toBeGreaterThanOrEqual(24);
    const file = join(home, 'ui-server.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const none = await raw(port, '/api/status.get', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('unauthorized');
    const wrong = await call('status.get', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const stream = await raw(port, '/api/stream');
    expect(stream.status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (403: DNS rebinding)', async () => {
    const r = await call('status.get', {}, { Host: `evil.example:${port}` });
    expect(r.status).toBe(403);
    const page = await raw(port, '/', { headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    const ok = await call('status.get', {}, { Host: `localhost:${port}` });
    expect(ok.status).toBe(200);
  });

  it('sends no CORS headers and serves the page without data', async () => {
    const page = await raw(port, '/', { headers: { Origin: 'http://evil.example' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    const api = await call('status.get', {}, { Origin: 'http://evil.example' });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers nothing of the UI through the receiver port', async () => {
    const r = await raw(serve.facts.receiverPort, '/api/status.get', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('pendingTotal');
    const root = await raw(serve.facts.receiverPort, '/');
    expect(root.body).not.toContain('<div id="root">');
  });

  it('validates params and says what is wrong (400), unknown ids are 404, duplicates 409', async () => {
    const bad = await call('endpoints.create', { label: 'x', nonsense: true });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/nonsense/);
    const notJson = await raw(port, '/api/endpoints.create', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const missing = await call('events.get', { id: 'evt_nope' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.message).toContain('evt_nope');
    const unknown = await call('no.such', {});
    expect(unknown.status).toBe(404);
    expect((await call('endpoints.create', { label: 'dup' })).status).toBe(200);
    expect((await call('endpoints.create', { label: 'dup' })).status).toBe(409);
  });

  it('lists endpoints and counts pending events for the tray badge; streams changes as SSE', async () => {
    const created = JSON.parse((await call('endpoints.create', { label: 'counted' })).body);
    const url: string = created.endpoint.urls.url;
    const changes: string[] = [];
    const ctl = new AbortController();
    const streamDone = fetch(`http://127.0.0.1:${port}/api/stream?token=${token}`, { signal: ctl.signal })
      .then(async (res) => {
        expect(res.headers.get('content-type')).toContain('text/event-stream');
        const reader = res.body?.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return;
          changes.push(decoder.decode(chunk.value));
          if (changes.join('').includes('event.created')) return;
        }
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const hook = await fetch(url, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(hook.status).toBe(200);
    await streamDone;
    ctl.abort();
    expect(changes.join('')).toMatch(/event: change\ndata: \{.*"kind":"event.created"/);
    const list = JSON.parse((await call('endpoints.list', {})).body);
    const counted = list.endpoints.find((e: { label: string }) => e.label === 'counted');
    expect(counted).toMatchObject({ pending: 1, total: 1 });
    expect(typeof counted.id).toBe('string');
    const status = JSON.parse((await call('status.get', {})).body);
    expect(status.pendingTotal).toBeGreaterThanOrEqual(1);
    expect(status.runtime.receiverPort).toBe(serve.facts.receiverPort);
  });

  it('saves verification settings on create/update; null returns one to its default; bad ones are 400', async () => {
    const generic = { header: 'X-Acme-Sig', algorithm: 'sha512', encoding: 'base64', prefix: 'v1=' };
    const created = await call('endpoints.create', {
      label: 'verify-settings',
      provider: 'generic',
      verify: { toleranceSeconds: 60, generic, publicUrl: null },
    });
    expect(created.status).toBe(200);
    const id: string = JSON.parse(created.body).endpoint.id;
    expect(JSON.parse(created.body).endpoint.verify).toEqual({ toleranceSeconds: 60, generic });
    const withUrl = await call('endpoints.update', {
      id,
      patch: { verify: { publicUrl: 'https://example.com/twilio' } },
    });
    // Absent keys keep their values: only the URL changed.
    expect(JSON.parse(withUrl.body).endpoint.verify).toEqual({
      toleranceSeconds: 60,
      generic,
      publicUrl: 'https://example.com/twilio',
    });
    const cleared = await call('endpoints.update', {
      id,
      patch: { verify: { generic: null, publicUrl: null } },
    });
    expect(JSON.parse(cleared.body).endpoint.verify).toEqual({ toleranceSeconds: 60 });
    const badHeader = await call('endpoints.update', {
      id,
      patch: { verify: { generic: { ...generic, header: 'X Acme' } } },
    });
    expect(badHeader.status).toBe(400);
    expect(JSON.parse(badHeader.body).error.message).toMatch(/generic HMAC.*HTTP header name/s);
    const badTolerance = await call('endpoints.update', { id, patch: { verify: { toleranceSeconds: 0 } } });
    expect(JSON.parse(badTolerance.body).error.message).toBe('Tolerance must be between 1 second and 7 days');
    const paused = await call('endpoints.update', { id, patch: { paused: true } });
    expect(JSON.parse(paused.body).endpoint).toMatchObject({
      paused: true,
      verify: { toleranceSeconds: 60 },
    });
  });

  it('counts the events matching a filter (events.count), with the filters of events.list', async () => {
    const created = JSON.parse((await call('endpoints.create', { label: 'count-me' })).body);
    const url: string = created.endpoint.urls.url;
    for (const [method, body] of [
      ['POST', '{"fruit":"apple"}'],
      ['POST', '{"fruit":"banana"}'],
      ['PUT', '{"fruit":"apple"}'],
    ] as const) {
      expect((await fetch(url, { method, body })).status).toBe(200);
    }
    const count = async (filter: Record<string, unknown>) =>
      JSON.parse((await call('events.count', { endpointIds: [created.endpoint.id], ...filter })).body);
    expect(await count({})).toEqual({ count: 3, capped: false });
    expect(await count({ methods: ['PUT'] })).toEqual({ count: 1, capped: false });
    expect(await count({ text: 'apple' })).toMatchObject({
      count: 2,
      capped: false,
      search: { complete: true },
    });
    expect(await count({ text: 'apple', methods: ['POST'] })).toMatchObject({ count: 1, capped: false });
    expect(await count({ acked: true })).toEqual({ count: 0, capped: false });
    expect(await count({ verification: ['valid'] })).toEqual({ count: 0, capped: false });
    const bad = await call('events.count', { cursor: 5 });
    expect(bad.status).toBe(400);
  });

  it('falls back to a free UI port when the requested one is taken (a follower)', async () => {
    const follower = await startServe(home, [
      '--tunnel',
      'none',
      '--port',
      String(serve.facts.receiverPort),
      '--ui-port',
      String(port),
    ]);
    try {
      expect(follower.facts.role).toBe('follower');
      const other = new URL(follower.facts.uiUrl ?? '');
      expect(other.port).not.toBe(String(port));
      const r = await raw(Number(other.port), '/api/status.get', {
        method: 'POST',
        headers: { Authorization: `Bearer ${other.searchParams.get('token')}` },
        body: '{}',
      });
      expect(r.status).toBe(200);
    } finally {
      await follower.stop();
    }
  });

  it('uses the default-style fixed port when asked', async () => {
    const fixed = await freePort();
    const h = tempHome();
    const s = await startServe(h, ['--tunnel', 'none', '--port', '0', '--ui-port', String(fixed)]);
    try {
      expect(new URL(s.facts.uiUrl ?? '').port).toBe(String(fixed));
    } finally {
      await s.stop();
    }
  });
});
