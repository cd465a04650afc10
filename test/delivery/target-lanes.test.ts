import { describe, expect, it } from 'vitest';
import { TargetLanes } from '../../electron/delivery/target-lanes';

/** A job that records when it starts and ends when `release` is called. */
function gate(log: string[], name: string) {
  let release = () => {};
  const done = new Promise<void>((r) => {
    release = r;
  });
  return {
    job: async () => {
      log.push(name);
      await done;
    },
    release: () => release(),
  };
}

describe('TargetLanes', () => {
  it('caps each lane, serves lanes round-robin and drains as jobs end', async () => {
    const started: string[] = [];
    const lanes = new TargetLanes({ perLane: 2, total: 3 }, () => {});
    const slow = Array.from({ length: 5 }, (_, i) => gate(started, `slow${i}`));
    const fast = Array.from({ length: 2 }, (_, i) => gate(started, `fast${i}`));
    for (const g of slow) lanes.push('http://slow', g.job);
    for (const g of fast) lanes.push('http://fast', g.job);
    // The slow lane holds only its two slots; the third goes to the other lane.
    expect(started).toEqual(['slow0', 'slow1', 'fast0']);
    fast[0]?.release();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['slow0', 'slow1', 'fast0', 'fast1']);
    slow[0]?.release();
    await new Promise((r) => setImmediate(r));
    expect(started.at(-1)).toBe('slow2');
    lanes.clear();
    for (const g of [...slow, ...fast]) g.release();
    await lanes.idle();
    expect(started).toHaveLength(5);
  });
});
