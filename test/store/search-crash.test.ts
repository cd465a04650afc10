import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../electron/store/store';
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
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    const json = (await res.json()) as { event_id?: string };
    return { status: res.status, eventId: json.event_id ?? null };
  } catch {
    return { status: 0, eventId: null };
  }
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('search after a crash', () => {
  it('a leader SIGKILLed during a burst: after restart every 2xx event is stored and found by search', async () => {
    const home = tempHome();
    const port = await freePort();
    const args = ['--port', String(port), '--ui-port', '0', '--tunnel', 'none'];
    const serve = await startServe(home, args);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'crash']);
    // Each event carries a unique token inside a longer string: found only by substring search.
    const accepted = new Map<string, string>();
    const senders = Array.from({ length: 8 }, async (_, worker) => {
      for (let i = 0; i < 400; i++) {
        const token = `q${worker}x${i}zk`;
        const r = await post(
          port,
          endpoint.id,
          JSON.stringify({ ref: `order_${token}_end`, pad: 'y'.repeat(300) }),
        );
        if (r.status === 0) return; // the server is gone
        if (r.status === 200 && r.eventId) accepted.set(r.eventId, token);
      }
    });
    setTimeout(() => void serve.stop('SIGKILL'), 700);
    await Promise.all(senders);
    expect(accepted.size).toBeGreaterThan(20);

    const restarted = await startServe(home, args);
    const store = new SqliteStore(home);
    try {
      expect(store.maintenance.integrityCheck()).toBe('ok');
      // The restarted leader's indexer catches up from its cursor.
      const backlog = () => store.events.search({ text: 'order_', limit: 1 }).info.indexing;
      await until(() => backlog() === 0, 20_000);
      expect(backlog()).toBe(0);
      const missing = [...accepted].filter(([id, token]) => {
        if (!store.events.summary(id)) return true;
        const found = store.events.search({ text: token, order: 'desc', limit: 5 }).events.map((e) => e.id);
        return !found.includes(id);
      });
      expect(missing).toEqual([]);
      expect(store.maintenance.integrityCheck()).toBe('ok');
    } finally {
      store.maintenance.close();
      await restarted.stop();
    }
  }, 60_000);
});
