import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli-process';
import { parseResponse } from '../helpers/raw-http';
import { startRelayProcess } from '../helpers/relay-process';
import { tempHome } from '../helpers/temp-home';
import { relayCall } from './relay-client';

interface CreatedToken {
  token: string;
  id: string;
  name: string;
  readOnly: boolean;
}

describe('hookline relay (CLI)', () => {
  it('creates tokens once (stored hashed), lists them without the token, and refuses a second live one of a name', () => {
    const home = tempHome();
    const made = runCli(home, ['relay', 'tokens', 'create', 'alice', '--json']);
    expect(made.code).toBe(0);
    const created = JSON.parse(made.stdout) as CreatedToken;
    expect(created.token).toMatch(/^hlr_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'alice', readOnly: false });
    const reader = JSON.parse(
      runCli(home, ['relay', 'tokens', 'create', 'bob', '--read-only', '--json']).stdout,
    ) as CreatedToken;
    expect(reader.readOnly).toBe(true);

    const listed = runCli(home, ['relay', 'tokens', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(created.token);
    const { tokens } = JSON.parse(listed.stdout) as {
      tokens: { name: string; readOnly: boolean; revokedAt: number | null }[];
    };
    expect(tokens.map((t) => [t.name, t.readOnly, t.revokedAt])).toEqual([
      ['alice', false, null],
      ['bob', true, null],
    ]);
    const text = runCli(home, ['relay', 'tokens', 'list']);
    expect(text.stdout).toMatch(/alice\s+read-write/);

    const twice = runCli(home, ['relay', 'tokens', 'create', 'alice']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('A live token named "alice" exists');
    expect(runCli(home, ['relay', 'tokens', 'create', 'no/slash']).code).toBe(2);
    expect(runCli(home, ['relay', 'tokens', 'revoke', 'nobody']).code).toBe(1);
  });

  it('runs the relay: prints its URLs, accepts a live token, refuses it once revoked, and stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    const { token } = JSON.parse(
      runCli(home, ['relay', 'tokens', 'create', 'alice', '--json']).stdout,
    ) as CreatedToken;
    const relay = await startRelayProcess(home, ['--public-url', 'https://hooks.example.test/']);
    expect(relay.facts).toMatchObject({
      role: 'relay',
      store: 'sqlite',
      publicUrl: 'https://hooks.example.test',
      apiUrl: 'https://hooks.example.test/api/relay/v1',
    });
    const base = relay.facts.localUrl;
    const whoami = await relayCall<{ member: string }>(base, 'GET', 'whoami', token);
    expect([whoami.status, whoami.body.member]).toEqual([200, 'alice']);
    const endpoint = await relayCall<{ endpoint: { id: string; url: string } }>(
      base,
      'POST',
      'endpoints',
      token,
      {
        label: 'from-cli',
      },
    );
    expect(endpoint.body.endpoint.url).toBe(`https://hooks.example.test/h/${endpoint.body.endpoint.id}`);
    expect(
      (await fetch(`${base}/h/${endpoint.body.endpoint.id}`, { method: 'POST', body: 'hi' })).status,
    ).toBe(200);
    const health = (await (await fetch(`${base}/healthz`)).json()) as { app: string };
    expect(health.app).toBe('hookline');

    const revoked = await runCliAsync(home, ['relay', 'tokens', 'revoke', 'alice']);
    expect(revoked.code).toBe(0);
    expect((await relayCall(base, 'GET', 'whoami', token)).status).toBe(401);

    // A long-poll in flight does not hold the shutdown up.
    const { token: second } = JSON.parse(
      (await runCliAsync(home, ['relay', 'tokens', 'create', 'carol', '--json'])).stdout,
    ) as CreatedToken;
    const head = await relayCall<{ next: number }>(base, 'GET', 'feed?limit=1000', second);
    const poll = relayCall(base, 'GET', `feed?after=${head.body.next}&wait=30`, second).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await relay.stop('SIGTERM')).toBe(0);
    // The long-poll got its (empty) answer rather than a cut connection.
    expect((await poll)?.body).toEqual({ items: [], next: head.body.next, hasMore: false });
  }, 30_000);

  it('on SIGTERM answers a capture already in flight (committed), then exits 0', async () => {
    const home = tempHome();
    const { token } = JSON.parse(
      runCli(home, ['relay', 'tokens', 'create', 'alice', '--json']).stdout,
    ) as CreatedToken;
    const relay = await startRelayProcess(home);
    const created = await relayCall<{ endpoint: { id: string } }>(
      relay.facts.localUrl,
      'POST',
      'endpoints',
      token,
      {
        label: 'drain',
      },
    );
    const socket = connect(relay.facts.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers and half the body now; the rest after the relay was told to stop.
    socket.write(
      `POST /h/${created.body.endpoint.id} HTTP/1.1\r\nHost: relay\r\nContent-Length: 10\r\nConnection: close\r\n\r\nhello`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = relay.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end('world');
    await closed;
    const answer = parseResponse(Buffer.concat(chunks).toString('latin1'));
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);

    // The answered capture is there when the relay comes back.
    const again = await startRelayProcess(home);
    const feed = await relayCall<{ items: { kind: string; event?: { bodyBase64: string } }[] }>(
      again.facts.localUrl,
      'GET',
      'feed',
      token,
    );
    const bodies = feed.body.items.flatMap((i) =>
      i.event ? [Buffer.from(i.event.bodyBase64, 'base64').toString()] : [],
    );
    expect(bodies).toEqual(['helloworld']);
  }, 30_000);

  it('says clearly when --database is not usable', () => {
    const home = tempHome();
    const pg = runCli(home, ['relay', '--database', 'postgres://user:hunter2@db.example:5432/hooks']);
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain('Cannot reach PostgreSQL at db.example:5432/hooks');
    expect(pg.stderr).not.toContain('hunter2');
    const other = runCli(home, ['relay', 'tokens', 'list', '--database', 'mysql://user:hunter2@db/x']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('must be a PostgreSQL URL');
    expect(other.stderr).not.toContain('hunter2');
    expect(runCli(home, ['relay', '--port', 'x']).code).toBe(2);
  });

  it('names the port when it is taken', async () => {
    const home = tempHome();
    const first = await startRelayProcess(home);
    const second = await runCliAsync(tempHome(), ['relay', '--port', String(first.facts.port)]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Port ${first.facts.port} on 127.0.0.1 is in use by another program; pass --port`,
    );
    expect(await first.stop()).toBe(0);
  });
});
