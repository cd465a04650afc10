import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

async function post(
  port: number,
  endpointId: string,
  body: string,
): Promise<{ status: number; eventId: string | null }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/h/${endpointId}`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(5_000),
    });
    const json = (await res.json()) as { event_id?: string };
    return { status: res.status, eventId: json.event_id ?? null };
  } catch {
    return { status: 0, eventId: null };
  }
}

describe('leader and follower share one inbox by the receiver port', () => {
  it('a second serve follows; when the leader is SIGKILLed the follower takes the port and receives', async () => {
    const home = tempHome();
    const port = await freePort();
    const leader = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    expect(leader.facts.role).toBe('leader');
    const follower = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    expect(follower.facts.role).toBe('follower');

    const endpoint = runCliJson<{ id: string; url: string }>(home, ['endpoints', 'create', 'shared']);
    expect(endpoint.url).toBe(`http://127.0.0.1:${port}/h/${endpoint.id}`);
    expect((await post(port, endpoint.id, 'before')).status).toBe(200);

    await leader.stop('SIGKILL');
    const promoted = await follower.waitFor((f) => f.role === 'leader', 15_000);
    expect(promoted.receiverPort).toBe(port);
    const after = await post(port, endpoint.id, 'after');
    expect(after.status).toBe(200);
    const events = runCliJson<{ id: string }[]>(home, ['events', 'list']);
    expect(events.map((e) => e.id)).toContain(after.eventId);
    expect(events).toHaveLength(2);
  });

  it('a port held by another program is a clear error naming the port and --port', async () => {
    const home = tempHome();
    const { createServer } = await import('node:http');
    const other = createServer((_req, res) => res.end('not hookline'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const address = other.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']),
      ).rejects.toThrow(new RegExp(`Port ${port} is in use by another program; pass --port`));
    } finally {
      other.close();
    }
  });
});

describe('nothing accepted is lost', () => {
  it('a leader SIGKILLed during a stream of POSTs leaves a sound DB holding every 2xx event', async () => {
    const home = tempHome();
    const port = await freePort();
    const serve = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'crash']);
    const accepted: string[] = [];
    let sent = 0;
    const senders = Array.from({ length: 8 }, async (_, worker) => {
      for (let i = 0; i < 400; i++) {
        sent++;
        const r = await post(port, endpoint.id, JSON.stringify({ worker, i, pad: 'x'.repeat(512) }));
        if (r.status === 0) return; // the server is gone
        if (r.status === 200 && r.eventId) accepted.push(r.eventId);
      }
    });
    setTimeout(() => void serve.stop('SIGKILL'), 700);
    await Promise.all(senders);
    expect(accepted.length).toBeGreaterThan(20);
    expect(sent).toBeGreaterThan(accepted.length);

    const restarted = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    expect(restarted.facts.role).toBe('leader');
    await restarted.stop();
    const db = new Database(join(home, 'hookline.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        db
          .prepare<[], { id: string }>('SELECT id FROM events')
          .all()
          .map((r) => r.id),
      );
      const lost = accepted.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
    } finally {
      db.close();
    }
  });
});
