import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ForwardState } from '../../shared/types';
import { runCli, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { startTarget } from './target';

const HOUR = 3_600_000;

async function send(port: number, endpointId: string, body: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/h/${endpointId}`, { method: 'POST', body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { event_id: string }).event_id;
}

/** Moves events' receive time into the past, as if the leader had been down that long. */
function age(home: string, ids: string[], ms: number): void {
  const db = new Database(join(home, 'hookline.db'));
  try {
    const stmt = db.prepare('UPDATE events SET received_at = received_at - ? WHERE id = ?');
    for (const id of ids) stmt.run(ms, id);
  } finally {
    db.close();
  }
}

/** The forward states of these events, in this order, from one `events list`. */
function forwardsOf(home: string, ids: string[]): (ForwardState | null)[] {
  const listed = runCliJson<{ id: string; forward: ForwardState | null }[]>(home, ['events', 'list']);
  return ids.map((id) => listed.find((e) => e.id === id)?.forward ?? null);
}

function forwardOf(home: string, id: string): ForwardState | null {
  return runCliJson<{ forward: ForwardState | null }>(home, ['events', 'show', id]).forward;
}

// Issue 12.15: a leader killed with 5 forwards in flight and restarted 65 s later never delivered
// them (only the last 60 s were resumed). Forwards are durable state on the event now.
describe('auto-forwards survive a late restart', () => {
  it('a leader started 65 s after a crash delivers every open forward; one older than --forward-max-age is visibly given up', async () => {
    const home = tempHome();
    // The first five requests hang (in flight when the leader dies); every later one is answered.
    const target = await startTarget((n) => (n < 5 ? 'hang' : { status: 200, body: 'ok' }));
    const port = await freePort();
    const args = ['--port', String(port), '--ui-port', '0'];
    const first = await startServe(home, args);
    const ep = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'fwd', '--forward-to', target.url]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await send(port, ep.id, `{"n":${i}}`));
    await target.waitFor(5);
    await first.stop('SIGKILL');

    // 65 s of downtime for all; 25 h for the first, beyond the default age limit of 24 h.
    age(home, ids, 65_000);
    age(home, ids.slice(0, 1), 25 * HOUR);
    const second = await startServe(home, args);
    const got = await target.waitFor(9);
    expect(
      got
        .slice(5)
        .map((r) => r.body.toString())
        .sort(),
    ).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);

    const states = await until(
      () => forwardsOf(home, ids),
      (s) => s.every((f) => f?.stage === 'delivered' || f?.stage === 'gave_up'),
    );
    expect(states[0]).toMatchObject({ stage: 'gave_up', attempts: 1 });
    expect(states[0]?.reason).toContain('--forward-max-age 24h');
    // Interrupted sends count as attempts: the resumed ones are second attempts.
    expect(states.slice(1).map((f) => [f?.stage, f?.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
      ['delivered', 2],
      ['delivered', 2],
    ]);
    expect(runCli(home, ['events', 'show', ids[0] ?? '']).stdout).toMatch(
      /Forward: +gave up after 1 attempt: not sent within --forward-max-age 24h/,
    );
    expect(runCli(home, ['events', 'show', ids[1] ?? '']).stdout).toMatch(
      /Forward: +delivered \(2 attempts\): HTTP 200/,
    );
    const status = runCliJson<{ forwarding: { open: number; gaveUp: number; maxAgeMs: number } }>(home, [
      'status',
    ]);
    expect(status.forwarding).toEqual({ open: 0, gaveUp: 1, maxAgeMs: 24 * HOUR });
    expect(second.stderr()).toMatch(/gave up 1 forward\(s\) not sent within --forward-max-age 24h/);
    // Nothing was sent twice after the restart: 5 interrupted sends, then exactly the 4 resumed ones.
    expect(target.received).toHaveLength(9);
  }, 60_000);

  it('--forward-max-age changes the limit and is checked', async () => {
    const home = tempHome();
    const target = await startTarget((n) => (n < 1 ? 'hang' : { status: 200, body: 'ok' }));
    const port = await freePort();
    const bad = runCli(home, ['serve', '--port', String(port), '--forward-max-age', '10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--forward-max-age must be a duration like 90s, 30m, 24h or 7d, got "10"');

    const args = ['--port', String(port), '--ui-port', '0', '--forward-max-age', '30s'];
    const first = await startServe(home, args);
    const ep = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'fwd', '--forward-to', target.url]);
    const id = await send(port, ep.id, '{"n":0}');
    await target.waitFor(1);
    await first.stop('SIGKILL');
    age(home, [id], 65_000);
    await startServe(home, args);
    const state = await until(
      () => forwardOf(home, id),
      (f) => f?.stage === 'gave_up',
    );
    expect(state).toMatchObject({ stage: 'gave_up', attempts: 1 });
    expect(state?.reason).toContain('--forward-max-age 30s');
    expect(target.received).toHaveLength(1);
  }, 60_000);
});
