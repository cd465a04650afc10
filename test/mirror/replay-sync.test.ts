import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { DELIVERY_BODY_LIMIT } from '../../shared/relay-wire';
import { startTarget } from '../delivery/target';
import { runCliAsync, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { relayHas, sendEvents, startMirror, startRelay } from './relay-fixture';

describe("relay mirror: replays' delivery logs", () => {
  it("a replay made on one desktop shows in the other desktop's delivery log for that event, once, by the member", async () => {
    const relay = await startRelay();
    const alice = relay.token('alice');
    const bob = relay.token('bob');
    const [homeA, homeB] = [tempHome(), tempHome()];
    await startMirror(homeA, relay, alice);
    await startMirror(homeB, relay, bob);
    const endpoint = runCliJson<{ id: string }>(homeA, ['endpoints', 'create', 'replays']);
    await relayHas(relay, alice, endpoint.id);
    const [eventId = ''] = await sendEvents(relay.url, endpoint.id, 1);
    // A large answer: the relay carries its first DELIVERY_BODY_LIMIT bytes and says it was cut.
    const target = await startTarget(() => ({ status: 418, body: 'z'.repeat(DELIVERY_BODY_LIMIT + 10) }));
    const a = openLocalInbox({ home: homeA, watch: false });
    const b = openLocalInbox({ home: homeB, watch: false });
    try {
      await until(
        () => a.eventSummary(eventId),
        (e) => e !== null,
        10_000,
      );
      const replayed = await runCliAsync(homeA, ['replay', eventId, '--to', `${target.url}/hooks`]);
      expect(replayed.code).toBe(0);

      const seen = await until(
        () => b.deliveries.forEvent(eventId),
        (list) => list.length > 0,
        10_000,
      );
      expect(seen).toHaveLength(1);
      const [theirs] = seen;
      const [ours] = a.deliveries.forEvent(eventId);
      expect(theirs).toMatchObject({
        kind: 'replay',
        by: 'alice',
        targetUrl: ours?.targetUrl,
        startedAt: ours?.startedAt,
        durationMs: ours?.durationMs,
        response: { status: 418, truncated: true },
        error: null,
      });
      expect(theirs?.response?.body.byteLength).toBe(DELIVERY_BODY_LIMIT);
      expect(Buffer.from(theirs?.request.body ?? []).equals(Buffer.from(ours?.request.body ?? []))).toBe(
        true,
      );
      // Made here: no `by`. And no echo: A's log keeps its one attempt, the relay holds one.
      expect(ours?.by ?? null).toBeNull();
      await new Promise((r) => setTimeout(r, 1_500));
      expect(a.deliveries.forEvent(eventId)).toHaveLength(1);
      expect(b.deliveries.forEvent(eventId)).toHaveLength(1);
      let after = 0;
      let recorded = 0;
      for (;;) {
        const page = (await relay.api(alice, 'GET', `/feed?after=${after}&limit=1000`)).json as {
          items: { kind: string }[];
          next: number;
          hasMore: boolean;
        };
        recorded += page.items.filter((i) => i.kind === 'delivery.recorded').length;
        after = page.next;
        if (!page.hasMore) break;
      }
      expect(recorded).toBe(1);
    } finally {
      a.close();
      b.close();
      await target.close();
    }
  }, 120_000);
});
