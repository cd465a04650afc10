import { describe, expect, it } from 'vitest';
import { type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

interface UnackOut {
  results: { event_id: string; result: string }[];
  unacked: number;
}

describe('hookline mcp: unack_events', () => {
  it('returns acked events to pending and reports each id', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'tasks',
      provider: 'generic',
      secret: null,
    });
    const sent = await postJson(hook.url, { id: 'task_1', status: 'done' });
    const id = sent.json.event_id;
    await agent.call('ack_events', { event_ids: [id] });
    expect(await agent.call<PageOut>('poll_events', {})).toMatchObject({ events: [], pending_count: 0 });

    const missing = 'evt_00000000000000000000000000';
    const out = await agent.call<UnackOut>('unack_events', { event_ids: [id, missing] });
    expect(out).toEqual({
      results: [
        { event_id: id, result: 'unacked' },
        { event_id: missing, result: 'not_found' },
      ],
      unacked: 1,
    });
    const page = await agent.call<PageOut>('poll_events', {});
    expect(page.events.map((e) => e.event_id)).toEqual([id]);
    expect(page.events[0]?.ack ?? null).toBeNull();

    const again = await agent.call<UnackOut>('unack_events', { event_ids: [id] });
    expect(again).toEqual({ results: [{ event_id: id, result: 'already_pending' }], unacked: 0 });
    expect(await agent.fail('unack_events', { event_ids: [id], outcome: 'done' })).toMatch(/outcome/);
  });
});
