import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';
import { seedEvents } from '../ui/seed';

interface Row {
  id: string;
  receivedAt: number;
  providerEventType: string | null;
  ackOutcome: string | null;
}

describe('hookline events list: type globs, since/until, failed', () => {
  it('narrows by event type glob and by time, lists the dead letter, and names a wrong time', async () => {
    const home = tempHome();
    // 12 events a second apart; types cycle invoice.paid, customer.created, charge.failed, push, pull_request, none.
    await seedEvents(home, 12, 'seeded');
    const all = runCliJson<Row[]>(home, ['events', 'list', '--json']);
    expect(all).toHaveLength(12);
    const types = (rows: Row[]) => rows.map((r) => r.providerEventType).sort();

    expect(types(runCliJson<Row[]>(home, ['events', 'list', '--type', 'invoice.*', '--json']))).toEqual([
      'invoice.paid',
      'invoice.paid',
    ]);
    expect(
      types(runCliJson<Row[]>(home, ['events', 'list', '--type', '*.created,charge.*', '--json'])),
    ).toEqual(['charge.failed', 'charge.failed', 'customer.created', 'customer.created']);
    expect(runCliJson<Row[]>(home, ['events', 'list', '--type', 'push', '--json'])).toHaveLength(2);

    const oldestFirst = [...all].sort((a, b) => a.receivedAt - b.receivedAt);
    const middle = oldestFirst[6]?.receivedAt ?? 0;
    const since = runCliJson<Row[]>(home, [
      'events',
      'list',
      '--since',
      new Date(middle).toISOString(),
      '--json',
    ]);
    expect(since.map((r) => r.id).sort()).toEqual(
      oldestFirst
        .slice(6)
        .map((r) => r.id)
        .sort(),
    );
    const until = runCliJson<Row[]>(home, ['events', 'list', '--until', String(middle), '--json']);
    expect(until.map((r) => r.id).sort()).toEqual(
      oldestFirst
        .slice(0, 6)
        .map((r) => r.id)
        .sort(),
    );

    const failedId = oldestFirst[0]?.id ?? '';
    expect(runCli(home, ['events', 'ack', failedId, '--outcome', 'failed']).code).toBe(0);
    expect(runCliJson<Row[]>(home, ['events', 'list', '--failed', '--json']).map((r) => r.id)).toEqual([
      failedId,
    ]);
    expect(runCli(home, ['status']).stdout).toMatch(/seeded: 11 pending, 1 failed of 12/);

    const wrong = runCli(home, ['events', 'list', '--since', 'last tuesday']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--since: "last tuesday" is not a time/);
    expect(runCli(home, ['events', 'list', '--pending', '--failed']).code).toBe(2);
  });
});
