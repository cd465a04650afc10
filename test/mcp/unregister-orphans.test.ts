import { describe, expect, it } from 'vitest';
import { type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

interface UnregisterOut {
  events_deleted: number;
  pending_events: number;
  orphaned: number;
  note: string;
}

describe('hookline mcp: unregister_webhook and pending events', () => {
  it('says how many pending events were kept or purged, and status counts the kept ones as orphaned', async () => {
    const { agent } = await startLeadingAgent();
    const kept = await agent.call<WebhookOut>('register_webhook', {
      label: 'kept',
      provider: 'generic',
      secret: null,
    });
    const purged = await agent.call<WebhookOut>('register_webhook', {
      label: 'purged',
      provider: 'generic',
      secret: null,
    });
    for (const n of [1, 2]) await postJson(kept.url, { n });
    const acked = await postJson(kept.url, { n: 3 });
    await agent.call('ack_events', { event_ids: [acked.json.event_id] });
    await postJson(purged.url, { n: 4 });
    expect(await agent.call<{ total_pending: number }>('get_inbox_status')).toMatchObject({
      total_pending: 3,
      orphaned_pending: 0,
    });

    const gone = await agent.call<UnregisterOut>('unregister_webhook', { label: 'kept' });
    expect(gone).toMatchObject({ events_deleted: 0, pending_events: 2, orphaned: 2 });
    expect(gone.note).toMatch(/2 pending event\(s\) kept.*orphaned_pending/);
    expect(await agent.call<PageOut>('poll_events', { include_untrusted: true })).toMatchObject({
      pending_count: 1,
    });
    expect(await agent.call('get_inbox_status')).toMatchObject({ total_pending: 1, orphaned_pending: 2 });

    const wiped = await agent.call<UnregisterOut>('unregister_webhook', {
      endpoint_id: purged.endpoint_id,
      purge_events: true,
    });
    expect(wiped).toMatchObject({ events_deleted: 1, pending_events: 1, orphaned: 0 });
    expect(wiped.note).toMatch(/1 pending event\(s\) purged/);
    expect(await agent.call('get_inbox_status')).toMatchObject({ total_pending: 0, orphaned_pending: 2 });
  });
});
