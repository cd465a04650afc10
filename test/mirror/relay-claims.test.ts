import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type EventOut, type PageOut, startAgent } from '../mcp/agent';

type Claimed = EventOut & { claim?: { by: string; until: string; mine: boolean } };
import { relayHas, sendEvents, startRelay } from './relay-fixture';

describe('relay mirror: claims taken on the relay', () => {
  it("a mirroring desktop's claiming agent skips events claimed through the relay API until they are released", async () => {
    const relay = await startRelay();
    const alice = relay.token('alice');
    const script = relay.token('script');
    const home = tempHome();
    const saved = openLocalInbox({ home, watch: false });
    saved.mirror.saveConnection(relay.url, alice);
    saved.close();
    const agent = await startAgent(home, await freePort());
    const made = await agent.call<{ endpoint_id: string }>('register_webhook', {
      label: 'claimed',
      secret: null,
    });
    await relayHas(relay, alice, made.endpoint_id);
    const ids = await sendEvents(relay.url, made.endpoint_id, 3);
    const [held = ''] = ids;
    // A teammate's script claims the first event on the relay.
    const claimed = await relay.api(script, 'POST', '/events/claim', {
      ids: [held],
      holder: 'worker-1',
      forSeconds: 600,
    });
    expect((claimed.json as { results: { claimed: boolean }[] }).results[0]?.claimed).toBe(true);

    // Plain reads still see it, with the relay's claim, once mirrored.
    const read = () =>
      agent.call<Omit<PageOut, 'events'> & { events: Claimed[] }>('poll_events', { endpoint: 'claimed' });
    await expect
      .poll(async () => (await read()).events.find((e) => e.event_id === held)?.claim?.by ?? null, {
        timeout: 15_000,
      })
      .toBe('script');
    const mine = await agent.call<PageOut>('poll_events', { endpoint: 'claimed', claim_for_s: 60 });
    expect(mine.events.map((e) => e.event_id)).toEqual(ids.slice(1));

    // Released on the relay: the agent can take it.
    await relay.api(script, 'POST', '/events/release', { ids: [held], holder: 'worker-1' });
    await expect
      .poll(async () => (await read()).events.find((e) => e.event_id === held)?.claim ?? null, {
        timeout: 15_000,
      })
      .toBeNull();
    const after = await agent.call<PageOut>('poll_events', { endpoint: 'claimed', claim_for_s: 60 });
    expect(after.events.map((e) => e.event_id)).toEqual([held]);
  }, 90_000);
});
