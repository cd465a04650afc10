/** trigger_event through the real MCP client: list, send through Hookline (valid / invalid), edits. */
import { describe, expect, it } from 'vitest';
import { type WebhookOut, startLeadingAgent } from './agent';

interface Sent {
  type: string;
  status: number | null;
  event_id: string | null;
  verification: string | null;
  delivery_id: string | null;
}

describe('trigger_event', () => {
  it('lists types, sends a signed event into the inbox, and shows a wrong secret as invalid', async () => {
    const { agent } = await startLeadingAgent();
    const listed = await agent.call<{ available_types: { type: string }[]; sent: unknown[] }>(
      'trigger_event',
      {
        provider: 'linear',
      },
    );
    expect(listed.available_types.map((t) => t.type)).toContain('Issue.create');
    expect(listed.sent).toEqual([]);

    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'lin',
      provider: 'linear',
      secret: 'lin_wh_secret',
    });
    const out = await agent.call<{ sent: Sent[] }>('trigger_event', {
      provider: 'linear',
      event_type: 'Issue.create',
      webhook: hook.label,
      set: { 'data.title': 'From the agent', 'data.priority': 1 },
    });
    const [sent] = out.sent;
    expect(sent).toMatchObject({ type: 'Issue.create', status: 200, verification: 'valid' });
    const event = await agent.call<{
      event: { body_text?: string; body?: string; verification: { status: string } };
    }>('get_event', { event_id: sent?.event_id });
    expect(JSON.stringify(event)).toContain('From the agent');

    const forged = await agent.call<{ sent: Sent[] }>('trigger_event', {
      provider: 'linear',
      event_type: 'Issue.create',
      webhook: hook.label,
      secret: 'not-the-secret',
    });
    expect(forged.sent[0]?.verification).toBe('invalid');
    expect(
      await agent.fail('trigger_event', { provider: 'linear', event_type: 'Nope.nothing', webhook: 'lin' }),
    ).toMatch(/No "Nope.nothing" event in the linear catalogue/);
  });
});
