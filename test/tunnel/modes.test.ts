import localtunnel from 'localtunnel';
import { describe, expect, it } from 'vitest';
import { type ServeFacts, runCli, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { startLtServer } from './lt-server';

const FAST = {
  HOOKLINE_TUNNEL_PROBE_MS: '300',
  HOOKLINE_TUNNEL_BACKOFF_MS: '100',
  HOOKLINE_TUNNEL_TIMEOUT_MS: '1500',
};

interface CreatedEndpoint {
  id: string;
  url: string;
  urlKind: string;
}

const isUp = (f: ServeFacts) => f.tunnel.state === 'up';
const isDown = (f: ServeFacts) => f.tunnel.state === 'down';

describe('tunnel modes and failures', () => {
  it('starts, captures and explains itself when the tunnel server cannot be reached at all', async () => {
    const home = tempHome();
    // `.invalid` never resolves (RFC 6761): the same failure as having no network.
    const serve = await startServe(
      home,
      ['--port', '0', '--ui-port', '0', '--tunnel-host', 'http://lt.hookline.invalid'],
      FAST,
    );
    expect(serve.facts).toMatchObject({ role: 'leader', tunnel: { kind: 'localtunnel', state: 'starting' } });
    const down = await serve.waitFor(isDown);
    expect(down.tunnel.lastError).toMatch(
      /cannot reach localtunnel server http:\/\/lt\.hookline\.invalid: .*ENOTFOUND/,
    );
    expect(down.publicUrl).toBeNull();

    const ep = runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'offline']);
    expect(ep.urlKind).toBe('local');
    const r = await fetch(ep.url, { method: 'POST', body: 'captured offline' });
    expect(r.status).toBe(200);
    expect(runCliJson<unknown[]>(home, ['events', 'list'])).toHaveLength(1);
    expect(serve.child.exitCode).toBeNull();
  });

  it('gives up on a tunnel server that accepts but never answers, within the timeout', async () => {
    // A listener that never answers stands in for a black-holed network.
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const serve = await startServe(
        tempHome(),
        ['--port', '0', '--ui-port', '0', '--tunnel-host', `http://127.0.0.1:${port}`],
        FAST,
      );
      const down = await serve.waitFor(isDown);
      expect(down.tunnel.lastError).toContain('did not answer in time');
    } finally {
      silent.close();
    }
  });

  it('uses a --public-url as given, and says whether it reaches this Hookline', async () => {
    const port = await freePort();
    const home = tempHome();
    // `hooks.localhost` stands for a reverse proxy that forwards to the receiver port.
    const base = `http://hooks.localhost:${port}`;
    const serve = await startServe(
      home,
      ['--port', String(port), '--ui-port', '0', '--public-url', `${base}/`],
      FAST,
    );
    const up = await serve.waitFor(isUp);
    expect(up).toMatchObject({ publicUrl: base, tunnel: { kind: 'custom', publicUrl: base } });
    const ep = runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'proxied']);
    expect(ep).toMatchObject({ url: `${base}/h/${ep.id}`, urlKind: 'public' });
    await serve.stop();

    // A proxy that is not running: status says so, but URLs still use the user's choice.
    const dead = 'http://127.0.0.1:9/hooks';
    const second = await startServe(
      home,
      ['--port', String(port), '--ui-port', '0', '--public-url', dead],
      FAST,
    );
    const down = await second.waitFor(isDown);
    expect(down.tunnel.lastError).toContain('ECONNREFUSED');
    expect(down.publicUrl).toBe(dead);
    expect(runCliJson<CreatedEndpoint[]>(home, ['endpoints', 'list'])[0]?.url).toBe(`${dead}/h/${ep.id}`);
  });

  it('--tunnel none keeps URLs local and clears a status a killed leader left behind', async () => {
    const lt = await startLtServer(await freePort());
    const home = tempHome();
    const first = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel-host', lt.host], FAST);
    await first.waitFor(isUp);
    await first.stop('SIGKILL');
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'none'], FAST);
    expect(serve.facts).toMatchObject({ publicUrl: null, tunnel: { kind: 'none', state: 'off' } });
    expect(runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'local-only']).urlKind).toBe('local');
  });

  it('refuses bad tunnel flags with a message naming the flag', () => {
    const home = tempHome();
    const cases: [string[], RegExp][] = [
      [['--subdomain', 'Not_Valid'], /--subdomain "Not_Valid" is not allowed/],
      [['--public-url', 'ftp://hooks.example.com'], /--public-url must start with http:\/\/ or https:\/\//],
      [['--tunnel-host', 'http://lt.example.com/sub'], /--tunnel-host must be a server origin/],
      [['--tunnel', 'wormhole'], /--tunnel must be localtunnel, ngrok or none/],
    ];
    for (const [flags, message] of cases) {
      const r = runCli(home, ['serve', '--port', '0', '--ui-port', '0', ...flags]);
      expect(r.code, flags.join(' ')).not.toBe(0);
      expect(r.stderr, flags.join(' ')).toMatch(message);
    }
  });

  it('follows the server when it grants another name, and announces the change when ours comes back', async () => {
    const lt = await startLtServer(await freePort());
    // Someone else holds the name first: the server hands out a random one instead.
    const squatter = await localtunnel({ port: await freePort(), host: lt.host, subdomain: 'taken-hooks' });
    squatter.on('error', () => undefined);
    try {
      const home = tempHome();
      const serve = await startServe(
        home,
        ['--port', '0', '--ui-port', '0', '--tunnel-host', lt.host, '--subdomain', 'taken-hooks'],
        FAST,
      );
      const other = (await serve.waitFor(isUp)).publicUrl ?? '';
      expect(other).toMatch(/^http:\/\/[a-z0-9-]+\.localhost$/);
      expect(other).not.toBe('http://taken-hooks.localhost');
      // serve --json logs JSON lines on stderr: one entry, its message naming the refused subdomain.
      const refusal = serve
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .find((entry) => entry.msg.includes('did not grant subdomain'));
      expect(refusal).toMatchObject({ level: 'warn', msg: expect.stringContaining('"taken-hooks"') });
      const ep = runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'moving']);
      expect(ep.url).toBe(`${other}/h/${ep.id}`);

      // The server restarts empty (the squatter is gone): on reconnect we get our name back.
      await lt.restart();
      const back = await serve.waitFor(
        (f) => isUp(f) && f.publicUrl === 'http://taken-hooks.localhost',
        30_000,
      );
      expect(back.tunnel.publicUrl).toBe('http://taken-hooks.localhost');
      expect(serve.stderr()).toContain(`public URL changed from ${other} to http://taken-hooks.localhost`);
      expect(runCliJson<CreatedEndpoint[]>(home, ['endpoints', 'list'])[0]?.url).toBe(
        `http://taken-hooks.localhost/h/${ep.id}`,
      );
    } finally {
      squatter.close();
    }
  });
});
