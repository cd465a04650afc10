import { describe, expect, it } from 'vitest';
import type { ForwardState } from '../../shared/types';
import { runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { startTarget } from './target';

async function send(port: number, endpointId: string, body: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/h/${endpointId}`, { method: 'POST', body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { event_id: string }).event_id;
}

// Issue 12.16: 8 forwarding slots were shared by all endpoints, so 16 events to a target that
// never answers delayed another endpoint's forward by the whole attempt timeout. Each target
// origin now has its own queue and slots.
describe('forwarding with one target that never answers', () => {
  it('another endpoint’s forward is delivered while the slow target holds its own slots', async () => {
    const home = tempHome();
    const slow = await startTarget(() => 'hang');
    const fast = await startTarget();
    const port = await freePort();
    // The default attempt timeout (30 s) keeps every send to the slow target open for the whole test.
    await startServe(home, ['--port', String(port), '--ui-port', '0']);
    const stuck = runCliJson<{ id: string }>(home, [
      'endpoints',
      'create',
      'stuck',
      '--forward-to',
      slow.url,
    ]);
    const live = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'live', '--forward-to', fast.url]);

    const stuckIds: string[] = [];
    for (let i = 0; i < 16; i++) stuckIds.push(await send(port, stuck.id, `{"stuck":${i}}`));
    await slow.waitFor(8);
    const liveId = await send(port, live.id, '{"live":true}');

    const [got] = await fast.waitFor(1, 10_000);
    expect(got?.body.toString()).toBe('{"live":true}');
    // The slow target got at most its lane's share, and none of its sends has ended.
    expect(slow.received.length).toBe(8);
    const listed = runCliJson<{ id: string; forward: ForwardState }[]>(home, [
      'events',
      'list',
      '--endpoint',
      'stuck',
    ]);
    expect(listed.map((e) => e.id).sort()).toEqual([...stuckIds].sort());
    const states = listed.map((e) => e.forward.stage);
    expect(states.filter((s) => s === 'delivering')).toHaveLength(8);
    expect(states.filter((s) => s === 'pending')).toHaveLength(8);
    const shown = await until(
      () => runCliJson<{ forward: ForwardState }>(home, ['events', 'show', liveId]).forward,
      (f) => f.stage !== 'delivering',
    );
    expect(shown).toMatchObject({ stage: 'delivered', attempts: 1, reason: 'HTTP 200' });
  }, 60_000);
});
