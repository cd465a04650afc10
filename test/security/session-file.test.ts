import { spawn } from 'node:child_process';
/**
 * Issue 17.3 / 12.19: one UI session per data directory, owned by the process that wrote it; a
 * planted symlink is never written through; the data directory is tightened to 0700.
 * Issue 17.6 / 17.7: `status` and `open` give the tokened URL; a failing xdg-open is reported.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../delivery/fixtures';
import { CLI, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

const session = (home: string) =>
  JSON.parse(readFileSync(join(home, 'ui-server.json'), 'utf8')) as {
    pid: number;
    url: string;
    token: string;
  };

/** A PATH whose xdg-open records its argument and exits with `code`. */
function fakeOpener(code: number): { bin: string; log: string } {
  const dir = tempHome();
  const log = join(dir, 'opened');
  writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\necho "$@" > "${log}"\nexit ${code}\n`);
  chmodSync(join(dir, 'xdg-open'), 0o755);
  return { bin: dir, log };
}

/** Runs the CLI with extra environment (a PATH with a stand-in browser opener). */
function cli(
  home: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, HOOKLINE_HOME: home, ...env },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('UI session file', () => {
  it('a second serve on the same data directory never replaces or removes the first one’s session', async () => {
    const home = tempHome();
    const first = await startServe(home, ['--port', String(await freePort()), '--ui-port', '0']);
    const owned = session(home);
    expect(owned.pid).toBe(first.facts.pid);
    const second = await startServe(home, ['--port', '0', '--ui-port', '0']);
    expect(second.facts.uiUrl).not.toBe(first.facts.uiUrl);
    expect(session(home)).toEqual(owned);
    await second.stop();
    expect(session(home)).toEqual(owned);

    const status = await runCliAsync(home, ['status']);
    expect(status.stdout).toContain(`UI:        ${first.facts.uiUrl}`);
    expect(first.facts.uiUrl).toMatch(/\?token=\w+/);
    expect(status.stdout).toContain('Tunnel:    off');
    expect((await runCliAsync(home, ['open', '--print'])).stdout.trim()).toBe(first.facts.uiUrl);
    await first.stop();
    expect(existsSync(join(home, 'ui-server.json'))).toBe(false);
    const none = await runCliAsync(home, ['open']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/No Hookline UI is running for .*hookline serve --open/);
  });

  it('replaces a planted symlink instead of writing through it, and keeps the file 0600', async () => {
    const home = tempHome();
    const victim = join(tempHome(), 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(home, 'ui-server.json'));
    const serve = await startServe(home, ['--port', String(await freePort()), '--ui-port', '0']);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(session(home).pid).toBe(serve.facts.pid);
    expect(statSync(join(home, 'ui-server.json')).isFile()).toBe(true);
    expect(statSync(join(home, 'ui-server.json')).mode & 0o777).toBe(0o600);
    await serve.stop();
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('tightens an existing data directory with loose modes to 0700', async () => {
    const home = join(tempHome(), 'loose');
    mkdirSync(home);
    chmodSync(home, 0o777);
    const r = await runCliAsync(home, ['endpoints', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it.runIf(process.getuid?.() === 0)(
    'refuses a data directory owned by another user, saying so',
    async () => {
      const home = join(tempHome(), 'theirs');
      mkdirSync(home, { mode: 0o700 });
      chownSync(home, 65534, 65534);
      const r = await runCliAsync(home, ['endpoints', 'list']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/The data directory .*theirs belongs to another user \(uid 65534\)/);
    },
  );

  it('`open` opens the tokened URL, and says so plainly when the browser cannot be opened', async () => {
    const home = tempHome();
    const serve = await startServe(home, ['--port', String(await freePort()), '--ui-port', '0']);
    const ok = fakeOpener(0);
    const opened = await cli(home, ['open'], { PATH: `${ok.bin}:${process.env.PATH}` });
    expect(opened.code).toBe(0);
    expect(readFileSync(ok.log, 'utf8').trim()).toBe(serve.facts.uiUrl);
    const broken = fakeOpener(4);
    const failed = await cli(home, ['open'], { PATH: `${broken.bin}:${process.env.PATH}` });
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('Could not open a browser (xdg-open failed (exit code 4)');
    expect(failed.stdout).toContain(`Open this URL yourself:\n  ${serve.facts.uiUrl}`);

    // `serve --open` on the same inbox shows the UI already running, and reports a failing opener.
    const second = await startServe(home, ['--port', '0', '--ui-port', '0', '--open'], {
      PATH: `${broken.bin}:${process.env.PATH}`,
    });
    const deadline = Date.now() + 10_000;
    while (!second.stderr().includes('Could not open a browser') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // serve --json logs JSON lines: the sentence and the URL are on one of them.
    expect(second.stderr()).toContain(`Open this URL yourself: ${serve.facts.uiUrl}`);
    expect(readFileSync(broken.log, 'utf8').trim()).toBe(serve.facts.uiUrl);
  });
});
