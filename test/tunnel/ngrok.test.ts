/**
 * The ngrok provider (`--tunnel ngrok`, NGROK_AUTHTOKEN, `--ngrok-domain`). ngrok's servers cannot
 * be reached from the test machine, so this covers everything that does not need them: a missing
 * token is a clear error and `down` with the reason, no network is `down`, bad flags are refused, and
 * the provider runs under the same tunnel manager (status kind `ngrok`) while capture goes on locally.
 */
import { describe, expect, it } from 'vitest';
import { type ServeFacts, runCli, runCliJson, startServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

const FAST = {
  HOOKLINE_TUNNEL_PROBE_MS: '300',
  HOOKLINE_TUNNEL_BACKOFF_MS: '100',
  HOOKLINE_TUNNEL_TIMEOUT_MS: '2000',
};

const isDown = (f: ServeFacts) => f.tunnel.state === 'down';

async function capturesLocally(home: string, port: number): Promise<void> {
  const ep = runCliJson<{ id: string; urlKind: string }>(home, ['endpoints', 'create', 'local']);
  expect(ep.urlKind).toBe('local');
  const res = await fetch(`http://127.0.0.1:${port}/h/${ep.id}`, { method: 'POST', body: 'x' });
  expect(res.status).toBe(200);
}

describe('ngrok tunnel', () => {
  it('without NGROK_AUTHTOKEN: says so on stderr and in the status (down), and keeps capturing', async () => {
    const home = tempHome();
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'ngrok'], {
      ...FAST,
      NGROK_AUTHTOKEN: '',
    });
    expect(serve.facts.tunnel.kind).toBe('ngrok');
    const down = await serve.waitFor(isDown);
    expect(down.tunnel.lastError).toMatch(
      /^NGROK_AUTHTOKEN is not set: --tunnel ngrok needs your ngrok authtoken/,
    );
    expect(down.publicUrl).toBeNull();
    expect(serve.stderr()).toMatch(/NGROK_AUTHTOKEN is not set/);
    await capturesLocally(home, serve.facts.receiverPort);
    const status = runCliJson<{ runtime: { tunnel: { kind: string; state: string } } }>(home, ['status']);
    expect(status.runtime.tunnel).toMatchObject({ kind: 'ngrok', state: 'down' });
  });

  it('with a token but no way to reach ngrok: down with the reason, capture goes on', async () => {
    const home = tempHome();
    const serve = await startServe(
      home,
      [
        '--port',
        '0',
        '--ui-port',
        '0',
        '--tunnel',
        'ngrok',
        '--ngrok-domain',
        'hookline-test.ngrok-free.app',
      ],
      { ...FAST, NGROK_AUTHTOKEN: 'not-a-real-token' },
    );
    const down = await serve.waitFor(isDown, 20_000);
    expect(down.tunnel.kind).toBe('ngrok');
    // No network here (or, with one, ngrok refusing the fake token): either way a reason, never "up".
    expect(down.tunnel.lastError).toMatch(/ngrok|timed out/);
    expect(down.publicUrl).toBeNull();
    await capturesLocally(home, serve.facts.receiverPort);
  });

  it('refuses flags that do not fit ngrok, with clear errors', () => {
    const home = tempHome();
    const noTunnel = runCli(home, ['serve', '--ngrok-domain', 'x.ngrok-free.app']);
    expect(noTunnel.code).toBe(2);
    expect(noTunnel.stderr).toMatch(/--ngrok-domain needs --tunnel ngrok/);
    const subdomain = runCli(home, ['serve', '--tunnel', 'ngrok', '--subdomain', 'abc']);
    expect(subdomain.code).toBe(2);
    expect(subdomain.stderr).toMatch(/with ngrok use --ngrok-domain/);
    const badDomain = runCli(home, [
      'serve',
      '--tunnel',
      'ngrok',
      '--ngrok-domain',
      'https://x.ngrok-free.app/',
    ]);
    expect(badDomain.code).toBe(1);
    expect(badDomain.stderr).toMatch(/--ngrok-domain must be a host name such as/);
    const badTunnel = runCli(home, ['serve', '--tunnel', 'ngrokk']);
    expect(badTunnel.stderr).toMatch(/--tunnel must be localtunnel, ngrok or none/);
  });
});
