import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type Agent, type EventOut, type PageOut, postJson, startAgent, waitForReceiver } from '../mcp/agent';
import { type RelayProcess, relayHas, sendEvents, startRelay } from './relay-fixture';

type Claimed = EventOut & { claim?: { by: string; until: string; mine: boolean } | null };
type ClaimedPage = Omit<PageOut, 'events'> & { events: Claimed[] };

/** A desktop mirroring the relay as `alice`, with an agent (its `hookline mcp` leads and mirrors). */
async function desktop(relay: RelayProcess, token: string, name: string, port?: number): Promise<Agent> {
  const home = tempHome();
  const saved = openLocalInbox({ home, watch: false });
  saved.mirror.saveConnection(relay.url, token);
  saved.close();
  return startAgent(home, port ?? (await freePort()), name);
}

/** Two desktops with agents, an endpoint on the relay and `count` events both have mirrored. */
async function twoDesktops(count: number) {
  const relay = await startRelay();
  const token = relay.token('alice');
  const one = await desktop(relay, token, 'one');
  const two = await desktop(relay, token, 'two');
  const made = await one.call<{ endpoint_id: string }>('register_webhook', { label: 'shared', secret: null });
  await relayHas(relay, token, made.endpoint_id);
  const ids = await sendEvents(relay.url, made.endpoint_id, count, 1);
  for (const agent of [one, two]) {
    await expect
      .poll(async () => (await agent.call<PageOut>('poll_events', { endpoint: 'shared' })).events.length, {
        timeout: 20_000,
      })
      .toBe(count);
  }
  return { relay, token, one, two, ids, endpointId: made.endpoint_id };
}

const claiming = (agent: Agent, claim_for_s: number, limit = 50) =>
  agent.call<ClaimedPage>('poll_events', { endpoint: 'shared', claim_for_s, limit });

describe('relay mirror: agents on two desktops claim through the relay', () => {
  it('claiming agents on two desktops get disjoint events; a released event goes to the other', async () => {
    const { one, two, ids } = await twoDesktops(4);
    const first = await claiming(one, 600, 2);
    expect(first.events.map((e) => e.event_id)).toEqual(ids.slice(0, 2));
    const second = await claiming(two, 600);
    // Desktop two may not have mirrored one's claims yet: the relay refuses them, so it never shows them.
    expect(second.events.map((e) => e.event_id)).toEqual(ids.slice(2));
    const third = await claiming(two, 600);
    expect(third.events).toEqual([]);

    // The relay's claim comes back to desktop one as its agent's own (so it can give it back).
    const [given = ''] = ids;
    await expect
      .poll(
        async () => {
          const page = await one.call<ClaimedPage>('poll_events', { endpoint: 'shared' });
          const claim = page.events.find((e) => e.event_id === given)?.claim;
          return claim ? `${claim.by} ${claim.mine}` : null;
        },
        { timeout: 15_000 },
      )
      .toBe('alice/agent:one true');
    const released = await one.call<{ results: { result: string }[] }>('release_events', {
      event_ids: [given],
    });
    expect(released.results[0]?.result).toBe('released');
    await expect
      .poll(async () => (await claiming(two, 600)).events.map((e) => e.event_id), { timeout: 15_000 })
      .toEqual([given]);
  }, 120_000);

  it('a claim that lapses lets the agent on the other desktop take the event', async () => {
    const { one, two, ids } = await twoDesktops(1);
    const held = await claiming(one, 2);
    expect(held.events.map((e) => e.event_id)).toEqual(ids);
    const meanwhile = await claiming(two, 600);
    expect(meanwhile.events).toEqual([]);
    await expect
      .poll(async () => (await claiming(two, 600)).events.map((e) => e.event_id), { timeout: 15_000 })
      .toEqual(ids);
    // Now desktop two holds it: one's claiming read gets nothing.
    expect((await claiming(one, 600)).events).toEqual([]);
  }, 120_000);

  it("an agent's session ending gives its claims back on the relay", async () => {
    const { one, two, ids } = await twoDesktops(2);
    expect((await claiming(one, 600)).events.map((e) => e.event_id)).toEqual(ids);
    expect((await claiming(two, 600)).events).toEqual([]);
    await one.close();
    await expect
      .poll(async () => (await claiming(two, 600)).events.map((e) => e.event_id), { timeout: 15_000 })
      .toEqual(ids);
  }, 120_000);

  it('with the relay down, a claiming read says so and hands out nothing; plain reads still work', async () => {
    const { relay, one, ids } = await twoDesktops(2);
    await relay.stop();
    const error = await one.fail('poll_events', { endpoint: 'shared', claim_for_s: 60 });
    expect(error).toMatch(/Could not claim on the relay/);
    expect(error).toMatch(/nothing was claimed/);
    const plain = await one.call<ClaimedPage>('poll_events', { endpoint: 'shared' });
    expect(plain.events.map((e) => e.event_id)).toEqual(ids);
    expect(plain.events.every((e) => !e.claim)).toBe(true);
    const waited = await one.fail('wait_for_events', {
      endpoint: 'shared',
      claim_for_s: 60,
      timeout_seconds: 2,
    });
    expect(waited).toMatch(/Could not claim on the relay/);
  }, 120_000);

  it('an endpoint the relay does not hold keeps local claims, as without a relay, also while the relay is down', async () => {
    const relay = await startRelay();
    // A read-only token: the endpoint made here cannot be pushed, so it stays this desktop's own.
    const port = await freePort();
    const agent = await desktop(relay, relay.token('bob', true), 'solo', port);
    const made = await agent.call<{ endpoint_id: string }>('register_webhook', {
      label: 'mine',
      secret: null,
    });
    await waitForReceiver(port);
    const sent = await postJson(`http://127.0.0.1:${port}/h/${made.endpoint_id}/hook`, { n: 1 });
    expect(sent.status).toBe(200);
    const page = await agent.call<ClaimedPage>('poll_events', { endpoint: 'mine', claim_for_s: 60 });
    expect(page.events.map((e) => e.event_id)).toEqual([sent.json.event_id]);
    expect(page.events[0]?.claim?.mine).toBe(true);

    // The relay goes away: this desktop's own endpoint needs no relay to claim.
    await relay.stop();
    const later = await postJson(`http://127.0.0.1:${port}/h/${made.endpoint_id}/hook`, { n: 2 });
    const next = await agent.call<ClaimedPage>('poll_events', { endpoint: 'mine', claim_for_s: 60 });
    expect(next.events.map((e) => e.event_id)).toEqual([later.json.event_id]);
  }, 120_000);
});
