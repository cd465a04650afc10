/**
 * Security checks against a real `hookline serve`: the UI server answers only with the token and a
 * loopback Host (shapes beyond test/ui/api.test.ts), the receiver port serves nothing but /h/* and
 * /healthz, the inbox files are owner-only even under a permissive umask, and a secret never shows
 * up in logs, CLI/UI list and detail results, delivery records or the SSE stream.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, type ServeFacts, runCli, runCliJson, startServe } from '../helpers/cli-process';
import { buildRequest, rawRequest } from '../helpers/raw-http';
import { tempHome } from '../helpers/temp-home';

interface Answer {
  status: number;
  body: string;
}

/** One request with full control over the Host header. */
function http(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function uiOf(facts: ServeFacts) {
  const url = new URL(facts.uiUrl ?? '');
  return { port: Number(url.port), token: url.searchParams.get('token') ?? '' };
}

describe('UI server guards', () => {
  it('refuses near-miss tokens and Host headers that only look local', async () => {
    const home = tempHome();
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'none']);
    const { port, token } = uiOf(serve.facts);
    const call = (headers: Record<string, string>) =>
      http(port, '/api/status.get', { 'Content-Type': 'application/json', ...headers }, 'POST', '{}');
    const host = `127.0.0.1:${port}`;
    expect((await call({ Host: host, Authorization: `Bearer ${token}` })).status).toBe(200);
    for (const auth of [
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `Bearer ${token.toUpperCase()}`,
      `Basic ${token}`,
      token,
      'Bearer ',
    ]) {
      expect((await call({ Host: host, Authorization: auth })).status, auth).toBe(401);
    }
    for (const h of [
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `[::1]:${port}x`,
      `evil.example:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      expect((await call({ Host: h, Authorization: `Bearer ${token}` })).status, h).toBe(403);
    }
    // The stream and the page are guarded the same way.
    expect((await http(port, `/api/stream?token=${token}`, { Host: `evil.example:${port}` })).status).toBe(
      403,
    );
    expect((await http(port, '/api/stream?token=wrong', { Host: host })).status).toBe(401);
    // Static files never leave the renderer folder.
    for (const path of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fhookline.db',
      '/hookline.db',
      '/ui-server.json',
    ]) {
      const r = await http(port, path, { Host: host });
      expect(r.body, path).not.toContain('root:');
      expect(r.body, path).not.toContain('SQLite format');
      expect(r.body, path).not.toContain(token);
    }
    await serve.stop();
  });
});

describe('receiver port exposure', () => {
  it('serves nothing but /h/<id> and /healthz, whatever the method or path shape', async () => {
    const home = tempHome();
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'none']);
    const { token } = uiOf(serve.facts);
    const port = serve.facts.receiverPort;
    const paths = [
      '/',
      '/index.html',
      '/assets/index.js',
      '/api/status.get',
      `/api/stream?token=${token}`,
      '/api/endpoints.list',
      '/healthz/../api/status.get',
      '/HEALTHZ',
      '/h',
      '/h/',
      '//api/status.get',
      '/renderer/index.html',
      '/hookline.db',
      '/ui-server.json',
      '*',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'OPTIONS', 'DELETE']) {
        const r = await rawRequest(
          port,
          buildRequest(
            method,
            path,
            [
              ['Host', `127.0.0.1:${port}`],
              ['Authorization', `Bearer ${token}`],
              ['Content-Length', '2'],
              ['Connection', 'close'],
            ],
            Buffer.from('{}'),
          ),
        );
        expect(r.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
        expect(r.body).not.toContain('<html');
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    const health = await rawRequest(
      port,
      buildRequest('GET', '/healthz', [
        ['Host', 'x'],
        ['Connection', 'close'],
      ]),
    );
    expect(JSON.parse(health.body)).toMatchObject({ app: 'hookline' });
    expect(health.body).not.toContain(token);
    await serve.stop();
  });
});

describe('owner-only files', () => {
  it('keeps hookline.db, -wal, -shm and ui-server.json at 0600 even when serve runs under umask 000', async () => {
    const home = tempHome();
    // A shell sets the umask for the child: the files must not inherit a world-readable mode from it.
    const child = spawn(
      '/bin/sh',
      [
        '-c',
        `umask 000; exec "${process.execPath}" "${CLI}" serve --json --port 0 --ui-port 0 --tunnel none`,
      ],
      {
        env: { ...process.env, HOOKLINE_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const facts = await new Promise<ServeFacts>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const line = buf.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as ServeFacts);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    try {
      const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'modes']);
      const ok = await fetch(`${facts.localBaseUrl}/h/${endpoint.id}`, { method: 'POST', body: 'x' });
      expect(ok.status).toBe(200);
      for (const file of ['hookline.db', 'hookline.db-wal', 'hookline.db-shm', 'ui-server.json']) {
        expect(statSync(join(home, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});

describe('secrets stay secret', () => {
  it('never shows an endpoint secret in logs, CLI or UI results, deliveries or the SSE stream', async () => {
    const home = tempHome();
    const secret = 'whsec_TopSecretValueNobodyMayEverSee0123456789';
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'none']);
    const { port: uiPort, token } = uiOf(serve.facts);
    const host = `127.0.0.1:${uiPort}`;
    const api = async (method: string, params: unknown) => {
      const r = await http(
        uiPort,
        `/api/${method}`,
        { Host: host, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        'POST',
        JSON.stringify(params),
      );
      expect(r.status, `${method}: ${r.body}`).toBe(200);
      return r.body;
    };
    // Collect the SSE stream for the whole test.
    let stream = '';
    const sse = request(
      { host: '127.0.0.1', port: uiPort, path: `/api/stream?token=${token}`, headers: { Host: host } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          stream += d;
        });
      },
    );
    sse.on('error', () => undefined);
    sse.end();

    const created = runCli(home, [
      'endpoints',
      'create',
      'stripe-sec',
      '--provider',
      'stripe',
      '--secret',
      secret,
      '--json',
    ]);
    expect(created.code).toBe(0);
    // Creation is the one place the secret is shown.
    expect(created.stdout).toContain(secret);
    const endpoint = JSON.parse(created.stdout) as { id: string };
    const body = JSON.stringify({ id: 'evt_sec_1', type: 'invoice.paid', object: 'event' });
    const t = Math.floor(Date.now() / 1000);
    const good = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const ids: string[] = [];
    for (const sig of [good, 'f'.repeat(64)]) {
      const r = await fetch(`${serve.facts.localBaseUrl}/h/${endpoint.id}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${sig}` },
      });
      expect(r.status).toBe(200);
      ids.push(r.headers.get('x-hookline-event-id') ?? '');
    }
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = { port: (server.address() as AddressInfo).port, close: () => server.close() };
    const seen: string[] = [
      runCli(home, ['endpoints', 'list', '--json']).stdout,
      runCli(home, ['endpoints', 'list']).stdout,
      runCli(home, ['events', 'list', '--json']).stdout,
      ...ids.map((id) => runCli(home, ['events', 'show', id, '--json']).stdout),
      ...ids.map((id) => runCli(home, ['verify', id, '--json']).stdout),
      await api('endpoints.list', {}),
      await api('events.list', {}),
      ...(await Promise.all(ids.map((id) => api('events.get', { id })))),
      ...(await Promise.all(ids.map((id) => api('events.reverify', { id })))),
      await api('events.replay', {
        id: ids[0],
        targetUrl: `http://127.0.0.1:${target.port}/x`,
        resign: true,
      }),
      await api('deliveries.list', { eventId: ids[0] }),
      await api('status.get', {}),
    ];
    target.close();
    await new Promise((r) => setTimeout(r, 300));
    sse.destroy();
    await serve.stop();
    expect(stream).toContain('event.created');
    seen.push(stream, serve.stderr(), serve.lines.map((l) => JSON.stringify(l)).join('\n'));
    for (const [i, text] of seen.entries()) {
      expect(text, `output #${i}`).not.toContain(secret);
      expect(text, `output #${i}`).not.toContain(secret.slice('whsec_'.length));
    }
  });
});
