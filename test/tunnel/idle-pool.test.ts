/**
 * The receiver closes connections that stay silent past the header timeout (issue 12.5). A
 * localtunnel client keeps a pool of such idle connections to the receiver: closing them must not
 * break the tunnel — requests through it keep arriving, with their own answers.
 */
import { describe, expect, it } from 'vitest';
import { runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { startLtServer, viaTunnel } from './lt-server';

describe('localtunnel and the idle-connection timeout', () => {
  it('keeps carrying requests after its pooled idle connections were closed', async () => {
    const lt = await startLtServer(await freePort());
    const home = tempHome();
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel-host', lt.host], {
      HOOKLINE_TUNNEL_PROBE_MS: '60000',
      HOOKLINE_TUNNEL_BACKOFF_MS: '100',
      HOOKLINE_TUNNEL_TIMEOUT_MS: '5000',
      HOOKLINE_HEADERS_TIMEOUT_MS: '500',
    });
    const up = await serve.waitFor((f) => f.tunnel.state === 'up');
    const ep = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'pooled']);
    for (let round = 0; round < 3; round++) {
      // Longer than the header timeout: every idle pooled connection has been closed meanwhile.
      await new Promise((r) => setTimeout(r, 1_500));
      const sent = await viaTunnel(
        lt,
        up.publicUrl ?? '',
        'POST',
        `/h/${ep.id}`,
        Buffer.from(`round ${round}`),
        {
          'content-type': 'text/plain',
        },
      );
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.body.toString())).toMatchObject({ ok: true });
    }
  });
});
