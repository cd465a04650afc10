import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type WebhookOut, startAgent } from './agent';

interface StatusOut {
  this_process: { role: string; error: string | null };
}

describe('hookline mcp: defect 11, the asked receiver port is held by another program', () => {
  it('names the asked port in URLs and says why nothing receives, instead of a URL on :4780', async () => {
    const port = await freePort();
    const squatter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    try {
      const agent = await startAgent(tempHome(), port);
      let status: StatusOut | null = null;
      for (let i = 0; i < 100; i++) {
        status = await agent.call<StatusOut>('get_inbox_status', {});
        if (status.this_process.role === 'detached') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status?.this_process.error).toMatch(new RegExp(`Port ${port} is in use by another program`));

      const hook = await agent.call<WebhookOut & { note: string }>('register_webhook', {
        label: 'held',
        secret: null,
      });
      expect(hook.url).toBe(`http://127.0.0.1:${port}/h/${hook.endpoint_id}`);
      expect(hook.url).not.toContain(':4780');
      expect(hook.receiving).toBe(false);
      expect(hook.note).toMatch(
        new RegExp(`^Not receiving: Port ${port} is in use by another program; pass --port`),
      );

      const list = await agent.call<{ webhooks: { url: string }[] }>('list_webhooks', {});
      expect(list.webhooks[0]?.url).toBe(hook.url);
    } finally {
      squatter.close();
    }
  });
});
