import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readUiServerRecord } from '../../electron/shell/attach';
import { buildCoreCommand, shellHome } from '../../electron/shell/core-command';
import { type CoreExit, CoreStartError, launchCore } from '../../electron/shell/core-process';
import { type CoreConnection, connectCore } from '../../electron/shell/core-source';
import { callUiApi, fetchEndpointLabels, fetchPendingTotal } from '../../electron/shell/ui-client';
import { CLI, startLocalServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

const started: CoreConnection[] = [];
afterEach(async () => {
  for (const c of started.splice(0)) await c.child?.stop(1000);
});

async function connect(home: string, extra: Partial<Parameters<typeof connectCore>[0]> = {}) {
  const connection = await connectCore({
    home,
    execPath: process.execPath,
    cliPath: CLI,
    env: process.env,
    extraArgs: ['--tunnel', 'none', '--port', String(await freePort()), '--ui-port', '0'],
    ...extra,
  });
  started.push(connection);
  return connection;
}

describe('core command', () => {
  it('runs serve --json with the current binary as Node, on the app data dir', () => {
    const cmd = buildCoreCommand({
      execPath: '/opt/Hookline/hookline',
      cliPath: '/opt/Hookline/resources/app.asar/dist/cli.js',
      home: '/home/u/.config/Hookline',
      env: { PATH: '/usr/bin', HOOKLINE_HOME: '/elsewhere' },
    });
    expect(cmd).toEqual({
      command: '/opt/Hookline/hookline',
      args: ['/opt/Hookline/resources/app.asar/dist/cli.js', 'serve', '--json'],
      env: { PATH: '/usr/bin', HOOKLINE_HOME: '/home/u/.config/Hookline', ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(cmd.args).not.toContain('--open');
  });

  it('uses HOOKLINE_HOME when set, else userData', () => {
    expect(shellHome({ HOOKLINE_HOME: '/data' }, '/user-data')).toBe('/data');
    expect(shellHome({}, '/user-data')).toBe('/user-data');
    expect(shellHome({ HOOKLINE_HOME: '' }, '/user-data')).toBe('/user-data');
  });
});

describe('spawning a core', () => {
  it('starts hookline serve, reads its UI URL and talks to its UI API', async () => {
    const home = tempHome();
    const connection = await connect(home);
    expect(connection.child).not.toBeNull();
    expect(connection.child?.facts.role).toBe('leader');
    expect(connection.child?.facts.home).toBe(home);
    expect(connection.ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=.+/);
    expect(await fetchPendingTotal(connection.ui)).toBe(0);
    const { endpoint } = await callUiApi(connection.ui, 'endpoints.create', { label: 'shell-made' });
    expect(await fetchEndpointLabels(connection.ui)).toEqual(new Map([[endpoint.id, 'shell-made']]));
    // Failures carry the core's code and message, as the renderer's client sees them.
    await expect(callUiApi(connection.ui, 'endpoints.create', { label: 'shell-made' })).rejects.toMatchObject(
      {
        status: 409,
        code: 'conflict',
        message: 'An endpoint labelled "shell-made" already exists',
      },
    );
    await expect(callUiApi({ ...connection.ui, token: 'wrong' }, 'status.get', {})).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    // The core advertises itself for the next app launch to attach to.
    expect(readUiServerRecord(home)?.ui).toEqual(connection.ui);
  });

  it('stops the child on quit, without reporting it as a crash', async () => {
    const lost: CoreExit[] = [];
    const connection = await connect(tempHome(), { onUnexpectedExit: (exit) => lost.push(exit) });
    const child = connection.child!;
    await child.stop();
    expect(child.child.exitCode !== null || child.child.signalCode !== null).toBe(true);
    expect(lost).toEqual([]);
  });

  it('reports an unexpected exit with the stderr tail', async () => {
    const lost = new Promise<CoreExit>((resolve) => {
      void connect(tempHome(), { onUnexpectedExit: resolve }).then((c) => c.child?.child.kill('SIGKILL'));
    });
    const exit = await lost;
    expect(exit.signal).toBe('SIGKILL');
  });

  it('fails with the core’s own message when it cannot start', async () => {
    const home = tempHome();
    const command = buildCoreCommand({
      execPath: process.execPath,
      cliPath: CLI,
      home,
      env: process.env,
      extraArgs: ['--tunnel', 'carrier-pigeon'],
    });
    const error = await launchCore(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreStartError);
    expect((error as CoreStartError).message).toMatch(/exited \(code 2\) before it was ready/);
    expect((error as CoreStartError).stderrTail).toMatch(/--tunnel must be localtunnel, ngrok or none/);
  });

  it('fails clearly when the binary does not exist', async () => {
    const error = await launchCore({ command: '/nonexistent/electron', args: [], env: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(CoreStartError);
    expect((error as Error).message).toMatch(/Could not start the Hookline core: .*ENOENT/);
  });
});

describe('attaching to a running core', () => {
  it('attaches to the serve already running on this data dir instead of spawning', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home);
    const connection = await connect(home);
    expect(connection.child).toBeNull();
    expect(connection.ui.url).toBe(serve.facts.uiUrl);
    await serve.stop();
  });

  it('spawns when the recorded process is gone', async () => {
    const home = tempHome();
    writeFileSync(
      join(home, 'ui-server.json'),
      JSON.stringify({ pid: 2 ** 22 + 17, url: 'http://127.0.0.1:9/?token=old', port: 9, token: 'old' }),
    );
    const connection = await connect(home);
    expect(connection.child).not.toBeNull();
  });

  it('spawns when the recorded server does not accept the recorded token', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home);
    const record = readUiServerRecord(home)!;
    // A live pid (this test runner) and a real UI server, but a token it never issued.
    writeFileSync(
      join(home, 'ui-server.json'),
      JSON.stringify({
        pid: process.pid,
        url: `${record.ui.origin}/?token=forged`,
        port: Number(new URL(record.ui.origin).port),
        token: 'forged',
      }),
    );
    // No --port: a second core on this inbox follows the running leader (asking for another port
    // would be refused: one leader per data directory).
    const connection = await connect(home, { extraArgs: ['--tunnel', 'none', '--ui-port', '0'] });
    expect(connection.child).not.toBeNull();
    expect(connection.ui.origin).not.toBe(record.ui.origin);
    await serve.stop();
  });

  it('ignores a record that points off loopback or disagrees with itself', () => {
    const home = tempHome();
    const write = (value: unknown) => writeFileSync(join(home, 'ui-server.json'), JSON.stringify(value));
    write({ pid: process.pid, url: 'http://evil.example/?token=t', port: 80, token: 't' });
    expect(readUiServerRecord(home)).toBeNull();
    write({ pid: process.pid, url: 'http://127.0.0.1:5/?token=a', port: 5, token: 'b' });
    expect(readUiServerRecord(home)).toBeNull();
    write({ pid: 'me', url: 'http://127.0.0.1:5/?token=a', port: 5, token: 'a' });
    expect(readUiServerRecord(home)).toBeNull();
    writeFileSync(join(home, 'ui-server.json'), '{');
    expect(readUiServerRecord(home)).toBeNull();
  });
});
