import { describe, expect, it } from 'vitest';
import { BurstThrottle, type Timers } from '../../electron/shell/burst-throttle';
import { notificationFor, trayTitle, trayTooltip } from '../../electron/shell/notification-text';

const labels = new Map([
  ['ep_a', 'stripe-dev'],
  ['ep_b', 'github'],
  ['ep_c', 'shopify'],
  ['ep_d', 'slack'],
]);

describe('notification text', () => {
  it('names the endpoint of a single webhook and opens it', () => {
    expect(notificationFor([{ eventId: 'evt_1', endpointId: 'ep_a' }], labels)).toEqual({
      title: 'New webhook on stripe-dev',
      body: 'Click to open it in Hookline.',
      eventId: 'evt_1',
    });
    expect(notificationFor([{ eventId: 'evt_1', endpointId: 'ep_gone' }], labels)?.title).toBe('New webhook');
    expect(notificationFor([], labels)).toBeNull();
  });

  it('summarises a burst and opens the newest', () => {
    const events = ['ep_a', 'ep_b', 'ep_a', 'ep_c', 'ep_d', null].map((endpointId, i) => ({
      eventId: `evt_${i}`,
      endpointId,
    }));
    expect(notificationFor(events, labels)).toEqual({
      title: '6 new webhooks',
      body: 'On stripe-dev, github, shopify and 1 more. Click to open the newest.',
      eventId: 'evt_5',
    });
  });

  it('shows the pending count on the tray', () => {
    expect(trayTooltip(null)).toBe('Hookline');
    expect(trayTooltip(0)).toBe('Hookline — no pending webhooks');
    expect(trayTooltip(1)).toBe('Hookline — 1 pending webhook');
    expect(trayTooltip(3)).toBe('Hookline — 3 pending webhooks');
    expect([trayTitle(null), trayTitle(0), trayTitle(12), trayTitle(5000)]).toEqual(['', '', '12', '999+']);
  });
});

/** Timers driven by hand. */
function manualTimers() {
  const queue = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn) => {
      queue.set(next, fn);
      return next++;
    },
    clearTimeout: (handle) => queue.delete(handle as number),
  };
  const tick = () => {
    const entries = [...queue.entries()];
    queue.clear();
    for (const [, fn] of entries) fn();
  };
  return { timers, tick, armed: () => queue.size };
}

describe('BurstThrottle', () => {
  it('shows the first at once, then one summary per window, then goes quiet', () => {
    const flushed: number[][] = [];
    const clock = manualTimers();
    const throttle = new BurstThrottle<number>((items) => flushed.push(items), 4000, clock.timers);
    throttle.add(1);
    expect(flushed).toEqual([[1]]);
    for (let i = 2; i <= 12; i++) throttle.add(i);
    expect(flushed).toHaveLength(1);
    clock.tick();
    expect(flushed).toEqual([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]);
    throttle.add(13);
    clock.tick();
    expect(flushed.at(-1)).toEqual([13]);
    clock.tick(); // a window with nothing: the throttle goes idle
    expect(clock.armed()).toBe(0);
    throttle.add(14);
    expect(flushed.at(-1)).toEqual([14]);
    throttle.add(15);
    throttle.dispose();
    clock.tick();
    expect(flushed.at(-1)).toEqual([14]);
  });
});
