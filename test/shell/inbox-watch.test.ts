import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openChangeStream } from '../../electron/shell/change-stream';
import { watchInbox } from '../../electron/shell/inbox-watch';
import type { DesktopNotification } from '../../electron/shell/notification-text';
import { parseUiUrl } from '../../electron/shell/ui-url';
import { runCliJson, startLocalServe, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function setup() {
  const home = tempHome();
  const serve = await startLocalServe(home);
  const ui = parseUiUrl(serve.facts.uiUrl ?? '')!;
  const endpoint = runCliJson<{ id: string; label: string }>(home, ['endpoints', 'create', 'stripe-dev']);
  const hook = `http://127.0.0.1:${serve.facts.receiverPort}/h/${endpoint.id}`;
  const notifications: DesktopNotification[] = [];
  const pending: Array<number | null> = [];
  const logs: string[] = [];
  return { home, serve, ui, hook, notifications, pending, logs };
}

describe('watchInbox against a real core', () => {
  it('notifies a new webhook by endpoint label and updates the pending count', async () => {
    const t = await setup();
    stops.push(
      watchInbox(t.ui, {
        notify: (n) => t.notifications.push(n),
        setPending: (n) => t.pending.push(n),
        log: (line) => t.logs.push(line),
        refreshDelayMs: 20,
      }),
    );
    await until(() => (t.pending.at(-1) === 0 ? true : undefined));
    expect(await post(t.hook, '{"type":"invoice.paid"}')).toBe(200);
    const n = await until(() => t.notifications[0]);
    expect(n.title).toBe('New webhook on stripe-dev');
    expect(n.eventId).toMatch(/^evt_/);
    await until(() => (t.pending.at(-1) === 1 ? true : undefined));
    expect(t.logs).toEqual([]);
  });

  it('summarises a burst in one notification', async () => {
    const t = await setup();
    stops.push(
      watchInbox(t.ui, {
        notify: (n) => t.notifications.push(n),
        setPending: (n) => t.pending.push(n),
        log: (line) => t.logs.push(line),
        // Wide enough that all 11 requests land inside one window even on a busy machine.
        throttleMs: 3000,
        refreshDelayMs: 20,
      }),
    );
    await until(() => (t.pending.length > 0 ? true : undefined));
    await post(t.hook, '{"n":0}');
    await until(() => t.notifications[0]);
    await Promise.all(Array.from({ length: 11 }, (_, i) => post(t.hook, `{"n":${i + 1}}`)));
    const summary = await until(() => t.notifications[1]);
    expect(summary.title).toBe('11 new webhooks');
    expect(summary.body).toContain('stripe-dev');
    await until(() => (t.pending.at(-1) === 12 ? true : undefined));
    expect(t.notifications).toHaveLength(2);
  });

  it('reports the core gone when a new core replaced it (old token refused)', async () => {
    const t = await setup();
    let gone = 0;
    stops.push(
      watchInbox(t.ui, {
        notify: (n) => t.notifications.push(n),
        setPending: (n) => t.pending.push(n),
        log: (line) => t.logs.push(line),
        onCoreGone: () => gone++,
        refreshDelayMs: 20,
        retryMs: 100,
        lostAfter: 1000,
      }),
    );
    await until(() => (t.pending.length > 0 ? true : undefined));
    const uiPort = new URL(t.ui.origin).port;
    await t.serve.stop();
    // Same UI port, new token: the old one must be refused, and the shell told to reconnect.
    const again = await startServe(t.home, [
      '--tunnel',
      'none',
      '--port',
      String(await freePort()),
      '--ui-port',
      uiPort,
    ]);
    expect(again.facts.uiUrl).not.toBe(t.ui.url);
    await until(() => (gone > 0 ? true : undefined));
    expect(t.logs.some((l) => l.includes('401'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(gone).toBe(1);
    await again.stop();
  });

  it('reports the core gone after repeated connection failures', async () => {
    const t = await setup();
    let gone = 0;
    stops.push(
      watchInbox(t.ui, {
        notify: () => {},
        setPending: (n) => t.pending.push(n),
        log: (line) => t.logs.push(line),
        onCoreGone: () => gone++,
        refreshDelayMs: 20,
        retryMs: 50,
        lostAfter: 3,
      }),
    );
    await until(() => (t.pending.length > 0 ? true : undefined));
    await t.serve.stop();
    await until(() => (gone > 0 ? true : undefined));
    expect(t.logs.filter((l) => l.includes('change stream')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('change stream reconnects', () => {
  it('resumes after the connection drops, sending the last event id', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/api/stream')) {
        seen.push(req.headers['last-event-id'] as string | undefined);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const n = seen.length;
        res.write(
          `id: ${n}\nevent: change\ndata: ${JSON.stringify({ id: n, kind: 'runtime.changed', ref: null, endpointId: null, at: n })}\n\n`,
        );
        if (n === 1) setTimeout(() => res.destroy(), 20);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const changes: number[] = [];
    const stream = openChangeStream(
      { origin: `http://127.0.0.1:${port}`, token: 't' },
      { onChange: (c) => changes.push(c.id) },
      50,
    );
    await until(() => (changes.length >= 2 ? true : undefined));
    stream.close();
    server.closeAllConnections();
    server.close();
    expect(changes).toEqual([1, 2]);
    expect(seen).toEqual([undefined, '1']);
  });
});
