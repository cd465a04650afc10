import { describe, expect, it } from 'vitest';
import { runCli, runCliJson, startServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

interface Status {
  runtime: { leaderPid: number | null; localBaseUrl: string | null; tunnel: { kind: string; state: string } };
  endpoints: { label: string; total: number; pending: number }[];
}

describe('events ack/unack and status', () => {
  it('acks from the CLI as "cli", unacks, reports unknown ids, and status shows who receives', async () => {
    const home = tempHome();
    const idle = runCliJson<Status>(home, ['status']);
    expect(idle.runtime.leaderPid).toBeNull();
    expect(runCli(home, ['status']).stdout).toContain('Receiver:  not running');

    const serve = await startServe(home, ['--port', '0', '--ui-port', '0']);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'orders']);
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const res = await fetch(`${serve.facts.localBaseUrl}/h/${endpoint.id}`, {
        method: 'POST',
        body: `{"n":${n}}`,
      });
      ids.push(((await res.json()) as { event_id: string }).event_id);
    }
    const acked = runCliJson<{ eventId: string; result: string }[]>(home, [
      'events',
      'ack',
      ids[0] ?? '',
      '--outcome',
      'ignored',
      '--note',
      'test order',
    ]);
    expect(acked).toEqual([{ eventId: ids[0], result: 'acked' }]);
    const shown = runCliJson<{ ackedBy: string; ackOutcome: string; note: string }>(home, [
      'events',
      'show',
      ids[0] ?? '',
    ]);
    expect(shown).toMatchObject({ ackedBy: 'cli', ackOutcome: 'ignored', note: 'test order' });

    const status = runCliJson<Status>(home, ['status']);
    expect(status.runtime.leaderPid).toBe(serve.facts.pid);
    expect(status.runtime.tunnel).toMatchObject({ kind: 'none', state: 'off' });
    expect(status.endpoints).toEqual([expect.objectContaining({ label: 'orders', total: 2, pending: 1 })]);

    const mixed = runCli(home, ['events', 'unack', ids[0] ?? '', 'evt_missing']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toContain(`${ids[0]}  unacked`);
    expect(mixed.stdout).toContain('evt_missing  not found');
    expect(runCli(home, ['events', 'ack', ids[1] ?? '', '--outcome', 'maybe']).code).toBe(2);
    expect(runCliJson<Status>(home, ['status']).endpoints[0]?.pending).toBe(2);
  });
});
