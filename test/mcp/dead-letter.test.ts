/** The dead letter through the real MCP client: ack as failed, list the failed, re-queue them. */
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-process';
import { type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

interface StatusOut {
  endpoints: { label: string; pending_count: number; failed: number }[];
  total_pending: number;
}

describe('hookline mcp: dead letter', () => {
  it('moves events acked as failed to a failed list, counts them apart, and re-queues them with unack_events', async () => {
    const { agent, home } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'tasks', secret: null });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await postJson(hook.url, { task: i })).json.event_id);
    const [bad, good, open] = ids as [string, string, string];

    await agent.call('ack_events', { event_ids: [bad], outcome: 'failed', note: 'schema mismatch' });
    await agent.call('ack_events', { event_ids: [good] });

    const pending = await agent.call<PageOut>('poll_events', { detail: 'summary' });
    expect(pending.events.map((e) => e.event_id)).toEqual([open]);
    const failed = await agent.call<PageOut>('poll_events', { status: 'failed', detail: 'summary' });
    expect(failed.events.map((e) => [e.event_id, e.status, e.ack?.note])).toEqual([
      [bad, 'failed', 'schema mismatch'],
    ]);
    // "acked" means handled: the failed one is not among them.
    const acked = await agent.call<PageOut>('poll_events', { status: 'acked', detail: 'summary' });
    expect(acked.events.map((e) => [e.event_id, e.status])).toEqual([[good, 'acked']]);
    const everything = await agent.call<PageOut>('poll_events', { status: 'all', detail: 'summary' });
    expect(everything.events.map((e) => e.status)).toEqual(['failed', 'acked', 'pending']);

    const status = await agent.call<StatusOut>('get_inbox_status', {});
    expect(status.endpoints.find((e) => e.label === 'tasks')).toMatchObject({ pending_count: 1, failed: 1 });
    const cli = await runCliAsync(home, ['status']);
    expect(cli.stdout).toMatch(/tasks: 1 pending, 1 failed of 3/);

    // Re-queue: the failed event is pending again, for poll and wait.
    const requeued = await agent.call('unack_events', { event_ids: [bad] });
    expect(requeued).toEqual({ results: [{ event_id: bad, result: 'unacked' }], unacked: 1 });
    const again = await agent.call<PageOut>('wait_for_events', { timeout_seconds: 1, detail: 'summary' });
    expect(again.events.map((e) => [e.event_id, e.status])).toEqual([
      [bad, 'pending'],
      [open, 'pending'],
    ]);
    expect((await agent.call<PageOut>('poll_events', { status: 'failed' })).events).toEqual([]);
  });
});
