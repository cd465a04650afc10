import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type WebhookOut, postJson, startAgent, startLeadingAgent, waitForReceiver } from './agent';

describe('hookline mcp: resources and replay', () => {
  it('serves endpoints and events as resources and notifies subscribers when events arrive', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'res', secret: null });
    const updates: string[] = [];
    agent.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
    });
    await agent.client.subscribeResource({ uri: 'hookline://endpoints' });

    const sent = await postJson(hook.url, { id: 'evt-res' });
    for (let i = 0; i < 100 && !updates.includes('hookline://endpoints'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(updates).toContain('hookline://endpoints');

    const endpoints = await agent.client.readResource({ uri: 'hookline://endpoints' });
    const first = endpoints.contents[0];
    const listed = JSON.parse(first && 'text' in first ? first.text : '{}') as {
      webhooks: { pending_count: number }[];
    };
    expect(listed.webhooks[0]?.pending_count).toBe(1);

    const templates = await agent.client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain('hookline://events/{event_id}');
    const listedEvents = await agent.client.listResources();
    expect(listedEvents.resources.map((r) => r.uri)).toContain(`hookline://events/${sent.json.event_id}`);
    const event = await agent.client.readResource({ uri: `hookline://events/${sent.json.event_id}` });
    const content = event.contents[0];
    const parsed = JSON.parse(content && 'text' in content ? content.text : '{}') as {
      notice: string;
      event: { body: { json: unknown } };
    };
    expect(parsed.notice).toMatch(/untrusted/i);
    expect(parsed.event.body.json).toEqual({ id: 'evt-res' });

    updates.length = 0;
    await agent.client.subscribeResource({ uri: `hookline://events/${sent.json.event_id}` });
    await agent.call('ack_event', { event_id: sent.json.event_id });
    for (let i = 0; i < 100 && updates.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(updates).toContain(`hookline://events/${sent.json.event_id}`);
  });

  it('replays a stored event to a local target and reports the response', async () => {
    const home = tempHome();
    const port = await freePort();
    const received: { body: string; path: string }[] = [];
    const target = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({ body, path: req.url ?? '' });
        res.writeHead(202, { 'content-type': 'text/plain' }).end('thanks');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    try {
      const agent = await startAgent(home, port);
      await waitForReceiver(port);
      const hook = await agent.call<WebhookOut>('register_webhook', { label: 'replay', secret: null });
      const sent = await postJson(hook.url, { replay: true });
      const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/webhooks`;
      const result = await agent.call<{
        status: number;
        response_body_preview: string;
        error: string | null;
      }>('replay_event', { event_id: sent.json.event_id, target_url: targetUrl });
      expect(result).toMatchObject({ status: 202, response_body_preview: 'thanks', error: null });
      expect(received[0]?.body).toBe('{"replay":true}');
      expect(
        await agent.fail('replay_event', { event_id: sent.json.event_id, target_url: 'ftp://x' }),
      ).toMatch(/http/);
    } finally {
      target.close();
    }
  });
});
