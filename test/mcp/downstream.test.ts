import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type WebhookOut, startAgent, waitForReceiver } from './agent';

interface ForwardOut {
  stage: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_retry_at: string | null;
}
interface Attempt {
  kind: string;
  attempt: number;
  status: number | null;
  error: string | null;
}
interface GetOut {
  event: { event_id: string; answered: number; forward?: ForwardOut };
  deliveries?: { total: number; newest: Attempt[] };
}

describe('hookline mcp: what happened downstream', () => {
  it('shows the status Hookline answered, the auto-forward’s summary and every attempt (MCP and events show)', async () => {
    // The handler being written fails twice, then accepts.
    let calls = 0;
    const target = http.createServer((req, res) => {
      req.resume();
      calls += 1;
      res.statusCode = calls <= 2 ? 500 : 200;
      res.end(calls <= 2 ? 'boom' : 'ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
    process.env.HOOKLINE_FORWARD_BACKOFF_MS = '100,100,100';
    const home = tempHome();
    const port = await freePort();
    try {
      const agent = await startAgent(home, port);
      await waitForReceiver(port);
      const hook = await agent.call<WebhookOut>('register_webhook', {
        label: 'fwd',
        secret: null,
        forward_to: targetUrl,
      });
      await agent.call('update_webhook', { endpoint: 'fwd', response: { status: 202 } });
      const sent = await fetch(hook.url, { method: 'POST', body: '{"task":"task_1","status":"completed"}' });
      expect(sent.status).toBe(202);
      const id = sent.headers.get('x-hookline-event-id') ?? '';

      let got: GetOut | null = null;
      for (let i = 0; i < 100; i++) {
        got = await agent.call<GetOut>('get_event', { event_id: id, part: 'summary' });
        if (got.event.forward?.stage === 'delivered') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(got?.event.answered).toBe(202);
      expect(got?.event.forward).toMatchObject({
        stage: 'delivered',
        attempts: 3,
        last_status: 200,
        next_retry_at: null,
      });
      expect(got?.deliveries?.total).toBe(3);
      expect(got?.deliveries?.newest.map((a) => [a.kind, a.attempt, a.status])).toEqual([
        ['forward', 3, 200],
        ['forward', 2, 500],
        ['forward', 1, 500],
      ]);
      // The same summary reaches poll results.
      const page = await agent.call<{ events: { answered: number; forward?: ForwardOut }[] }>('poll_events', {
        endpoint: 'fwd',
        detail: 'summary',
      });
      expect(page.events[0]).toMatchObject({ answered: 202, forward: { stage: 'delivered', attempts: 3 } });

      const shown = runCli(home, ['events', 'show', id]);
      expect(shown.stdout).toMatch(/Answered: +202/);
      expect(shown.stdout).toMatch(/Forward: +delivered \(3 attempts\): HTTP 200/);
      expect(shown.stdout).toMatch(
        /Attempts: +3\n +#3 forward .*: HTTP 200 in \d+ ms\n +#2 forward .*: HTTP 500/,
      );
      const json = runCliJson<{ deliveries: { total: number; attempts: { status: number }[] } }>(home, [
        'events',
        'show',
        id,
        '--json',
      ]);
      expect(json.deliveries.total).toBe(3);
      expect(json.deliveries.attempts.map((a) => a.status)).toEqual([200, 500, 500]);
    } finally {
      Reflect.deleteProperty(process.env, 'HOOKLINE_FORWARD_BACKOFF_MS');
      target.close();
    }
  });
});
