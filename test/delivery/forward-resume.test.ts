import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { startServe } from '../helpers/cli-process';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';
import { startTarget } from './target';

describe('auto-forward after a leader crash', () => {
  it('forwards events a killed leader had accepted but not sent, or was still sending', async () => {
    const home = tempHome();
    const target = await startTarget();
    // What a leader SIGKILLed right after its commits leaves behind: one event never sent, and
    // one whose forward attempt had started (row written) but never finished.
    const inbox = openLocalInbox({ home, watch: false });
    const endpoint = inbox.createEndpoint({ label: 'fwd', forwardUrl: target.url }, 'cli');
    const neverSent = newEvent(endpoint.id, '{"n":"never-sent"}', { path: '' });
    const midSend = newEvent(endpoint.id, '{"n":"mid-send"}', { path: '' });
    await inbox.commitEvents([neverSent, midSend]);
    inbox.deliveries.start({
      eventId: midSend.id,
      kind: 'forward',
      targetUrl: target.url,
      attempt: 1,
      startedAt: Date.now(),
      request: { method: 'POST', headers: [], body: Buffer.from('{"n":"mid-send"}') },
    });
    inbox.close();

    await startServe(home, ['--port', '0', '--ui-port', '0']);
    const got = await target.waitFor(2);
    expect(got.map((r) => r.body.toString()).sort()).toEqual(['{"n":"mid-send"}', '{"n":"never-sent"}']);
    const check = openLocalInbox({ home, watch: false });
    try {
      for (;;) {
        const attempts = check.deliveries.forEvent(midSend.id);
        if (attempts.at(-1)?.durationMs != null) {
          expect(attempts.map((d) => d.attempt)).toEqual([1, 2]);
          expect(attempts.at(-1)?.response?.status).toBe(200);
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      check.close();
    }
  });
});
