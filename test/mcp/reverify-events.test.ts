import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type PageOut, type WebhookOut, postJson, startLeadingAgent } from './agent';

interface ReverifyOut {
  results: {
    event_id: string;
    found: boolean;
    status: string | null;
    reason: string | null;
    trusted: boolean;
    saved: boolean;
  }[];
}

const githubSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('hookline mcp: reverify_events', () => {
  it('re-checks quarantined events with a given secret and, with save, hands them to poll_events', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', {
      label: 'gh',
      provider: 'github',
      secret: 'configured-wrong',
    });
    const body = { action: 'opened', number: 7 };
    const sent = await postJson(hook.url, body, {
      'x-github-event': 'pull_request',
      'x-hub-signature-256': githubSignature('the-real-one', JSON.stringify(body)),
    });
    const id = sent.json.event_id;
    expect(await agent.call<PageOut>('poll_events', {})).toMatchObject({ events: [], quarantined: 1 });

    const current = await agent.call<ReverifyOut>('reverify_events', { event_ids: [id] });
    expect(current.results[0]).toMatchObject({
      found: true,
      status: 'invalid',
      trusted: false,
      saved: false,
    });

    const tried = await agent.call<ReverifyOut>('reverify_events', {
      event_ids: [id],
      secret: 'the-real-one',
    });
    expect(tried.results[0]).toMatchObject({ status: 'valid', trusted: true, saved: false });
    expect(await agent.call<PageOut>('poll_events', {})).toMatchObject({ events: [], quarantined: 1 });

    const missing = 'evt_00000000000000000000000000';
    const saved = await agent.call<ReverifyOut>('reverify_events', {
      event_ids: [id, missing],
      secret: 'the-real-one',
      save: true,
    });
    expect(saved.results).toEqual([
      expect.objectContaining({ event_id: id, status: 'valid', trusted: true, saved: true }),
      { event_id: missing, found: false, status: null, reason: null, trusted: false, saved: false },
    ]);
    const page = await agent.call<PageOut>('poll_events', {});
    expect(page.events.map((e) => e.event_id)).toEqual([id]);
    expect(page.quarantined).toBe(0);

    expect(await agent.fail('reverify_events', { event_ids: [id], provider: 'nope' })).toMatch(/nope/);
    expect(await agent.fail('reverify_events', { event_ids: [id], secrets: ['x'] })).toMatch(/secrets/);
  });
});
