import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli-process';
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
    const poll = relayCall(base, 'GET', 'feed?after=1000000&wait=30', second).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await relay.stop('SIGTERM')).toBe(0);
    await poll;
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
});
