/** Claims (safe sharing between agents) through the real MCP client: two `hookline mcp` processes, one inbox. */
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type Agent, type PageOut, type WebhookOut, postJson, startAgent, waitForReceiver } from './agent';

interface Claimed {
  event_id: string;
  claim?: { by: string; until: string; mine: boolean };
}

const ids = (page: PageOut) => page.events.map((e) => e.event_id);
const claims = (page: PageOut) => page.events as unknown as Claimed[];

async function twoAgents(): Promise<{ a: Agent; b: Agent; hook: WebhookOut; home: string; port: number }> {
  const home = tempHome();
  const port = await freePort();
  const a = await startAgent(home, port, 'worker-a');
  await waitForReceiver(port);
  const b = await startAgent(home, port, 'worker-b');
  const hook = await a.call<WebhookOut>('register_webhook', { label: 'jobs', secret: null });
  return { a, b, hook, home, port };
}

async function sendJobs(hook: WebhookOut, from: number, count: number): Promise<string[]> {
  const sent: string[] = [];
  for (let i = from; i < from + count; i++) sent.push((await postJson(hook.url, { job: i })).json.event_id);
  return sent;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hookline mcp: claims between agents', () => {
  it('gives each claiming agent different events, shows claims to plain reads, and never hands one event to both', async () => {
    const { a, b, hook } = await twoAgents();
    const jobs = await sendJobs(hook, 0, 6);

    const forA = await a.call<PageOut>('poll_events', { claim_for_s: 60, limit: 3, detail: 'summary' });
    expect(ids(forA)).toEqual(jobs.slice(0, 3));
    for (const e of claims(forA)) expect(e.claim).toMatchObject({ by: 'agent:worker-a', mine: true });
    const forB = await b.call<PageOut>('poll_events', { claim_for_s: 60, detail: 'summary' });
    expect(ids(forB)).toEqual(jobs.slice(3));
    // A's next claiming poll has nothing new: its own claims are in hand, B's are B's.
    expect(ids(await a.call<PageOut>('poll_events', { claim_for_s: 60 }))).toEqual([]);

    // A plain read still sees everything, with who holds each claim.
    const plain = await b.call<PageOut>('poll_events', { detail: 'summary' });
    expect(ids(plain)).toEqual(jobs);
    const holders = claims(plain).map((e) => [e.claim?.by, e.claim?.mine]);
    expect(holders).toEqual([
      ...Array(3).fill(['agent:worker-a', false]),
      ...Array(3).fill(['agent:worker-b', true]),
    ]);

    // Both claim at once, from two processes, many times over: no event is handed out twice, and a
    // read that lost its events to the other agent reads again instead of coming back empty.
    const more = await sendJobs(hook, 6, 30);
    const got: string[] = [];
    for (let round = 0; round < 40; round++) {
      const [x, y] = await Promise.all([
        a.call<PageOut>('poll_events', { claim_for_s: 60, limit: 2, detail: 'summary' }),
        b.call<PageOut>('poll_events', { claim_for_s: 60, limit: 2, detail: 'summary' }),
      ]);
      got.push(...ids(x), ...ids(y));
      if (round < 7) expect(x.events.length + y.events.length).toBeGreaterThanOrEqual(3);
      if (x.events.length + y.events.length === 0 && !x.has_more && !y.has_more) break;
    }
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual([...more].sort());

    // Acking ends the claim; the event is handled for everyone.
    await a.call('ack_events', { event_ids: ids(forA) });
    const after = await b.call<PageOut>('poll_events', { detail: 'summary', limit: 100 });
    expect(ids(after)).not.toContain(jobs[0]);
  });

  it('releases claims on request and when the agent goes away', async () => {
    const { a, b, hook } = await twoAgents();
    const jobs = await sendJobs(hook, 0, 4);
    const held = await a.call<PageOut>('poll_events', { claim_for_s: 600, detail: 'summary' });
    expect(ids(held)).toEqual(jobs);
    expect(ids(await b.call<PageOut>('poll_events', { claim_for_s: 60 }))).toEqual([]);

    const missing = 'evt_00000000000000000000000000';
    const released = await a.call('release_events', { event_ids: [jobs[0], missing] });
    expect(released).toEqual({
      results: [
        { event_id: jobs[0], result: 'released' },
        { event_id: missing, result: 'not_found' },
      ],
      released: 1,
    });
    // B cannot release what A holds.
    expect(await b.call('release_events', { event_ids: [jobs[1]] })).toMatchObject({
      results: [{ event_id: jobs[1], result: 'not_yours' }],
      released: 0,
    });
    const taken = await b.call<PageOut>('poll_events', { claim_for_s: 60, detail: 'summary' });
    expect(ids(taken)).toEqual([jobs[0]]);

    // A closes its session: its remaining claims come back at once, not when they lapse.
    await a.close();
    let back: string[] = [];
    await eventually(async () => {
      back.push(...ids(await b.call<PageOut>('poll_events', { claim_for_s: 60, detail: 'summary' })));
      return back.length === 3;
    });
    back = back.sort();
    expect(back).toEqual([jobs[1], jobs[2], jobs[3]].sort());
    expect(await b.call('release_events', {})).toEqual({ results: [], released: 4 });
  });

  it('lets a claim expire (visibility timeout) so another agent takes the event', async () => {
    const { a, b, hook } = await twoAgents();
    const [job] = await sendJobs(hook, 0, 1);
    const held = await a.call<PageOut>('poll_events', { claim_for_s: 1, detail: 'summary' });
    expect(ids(held)).toEqual([job]);
    expect(ids(await b.call<PageOut>('poll_events', { claim_for_s: 30 }))).toEqual([]);
    // A never acks: B's wait takes the event once the claim lapses (a lapse writes nothing; the wait looks again).
    const taken = await b.call<PageOut>('wait_for_events', {
      claim_for_s: 30,
      timeout_seconds: 20,
      detail: 'summary',
    });
    expect(taken.timed_out).toBe(false);
    expect(ids(taken)).toEqual([job]);
    expect(claims(taken)[0]?.claim).toMatchObject({ by: 'agent:worker-b', mine: true });
    // The lapsed holder's ack still works (acks are not refused), and ends B's claim too.
    await a.call('ack_events', { event_ids: [job] });
    const plain = await b.call<PageOut>('poll_events', { status: 'all', detail: 'summary' });
    expect(claims(plain)[0]?.claim).toBeUndefined();
  });

  it('rejects claims that make no sense, naming the argument', async () => {
    const { a } = await twoAgents();
    expect(await a.fail('poll_events', { claim_for_s: 0 })).toMatch(/claim_for_s/);
    expect(await a.fail('poll_events', { claim_for_s: 3601 })).toMatch(/claim_for_s/);
    expect(await a.fail('poll_events', { claim_for_s: 10, status: 'all' })).toMatch(
      /claim_for_s: only pending events can be claimed/,
    );
    expect(await a.fail('search_events', { query: 'x', claim_for_s: 10 })).toMatch(
      /unknown argument claim_for_s/,
    );
  });
});
