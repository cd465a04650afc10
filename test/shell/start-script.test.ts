import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHELL_READY_MARKER as SHELL_MARKER } from '../../electron/shell/ready-marker';
import {
  SHELL_READY_MARKER,
  chooseLaunch,
  parseProbeOutput,
  shouldFallBack,
  summariseFailure,
} from '../../scripts/start.mjs';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

const ROOT = resolve(import.meta.dirname, '../..');
const START = join(ROOT, 'scripts/start.mjs');

// What Electron's index.js prints offline (trimmed from a real run).
const OFFLINE = `Downloading Electron binary...
TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///x/@electron/get/dist/FetchDownloader.js:46:30)
/x/node_modules/electron/index.js:43
      throw new Error(
Error: Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.
    at getElectronPath (/x/node_modules/electron/index.js:43:13)`;

describe('launch decision', () => {
  it('launches Electron on dist/main.js when its binary exists', () => {
    expect(chooseLaunch({ path: '/e/electron', output: '' }, true, '/app', '/usr/bin/node')).toEqual({
      mode: 'electron',
      command: '/e/electron',
      args: ['/app/dist/main.js'],
    });
  });

  it('falls back to serve --open, saying why, when the download failed', () => {
    const plan = chooseLaunch({ path: null, output: OFFLINE }, false, '/app', '/usr/bin/node', [
      '--port',
      '5',
    ]);
    expect(plan).toEqual({
      mode: 'browser',
      message:
        "Electron's binary could not be downloaded — are you offline? It is fetched on first launch; " +
        'run `npm start` again when online. Meanwhile: starting the core and opening the UI in your browser.',
      command: '/usr/bin/node',
      args: ['/app/dist/cli.js', 'serve', '--open', '--port', '5'],
    });
  });

  it('falls back when the path Electron names does not exist', () => {
    const plan = chooseLaunch({ path: '/e/electron', output: '' }, false, '/app', '/usr/bin/node');
    expect(plan.mode === 'browser' && plan.message).toContain('(no binary at /e/electron)');
  });

  it('reads the binary path out of the probe output', () => {
    expect(parseProbeOutput('Downloading Electron binary...\n\nHOOKLINE_ELECTRON_PATH=/e/electron\n')).toBe(
      '/e/electron',
    );
    expect(parseProbeOutput('')).toBeNull();
    expect(summariseFailure('')).toBe('no output');
    expect(summariseFailure('[9:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY\n')).toBe(
      '[9:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY',
    );
  });

  it('falls back only when Electron died before its window came up, not on Ctrl+C or a normal quit', () => {
    const exit = { code: 1, signal: null, ready: false, interrupted: false };
    expect(shouldFallBack(exit)).toBe(true);
    expect(shouldFallBack({ ...exit, code: null, signal: 'SIGSEGV' })).toBe(true);
    expect(shouldFallBack({ ...exit, ready: true })).toBe(false);
    expect(shouldFallBack({ ...exit, interrupted: true })).toBe(false);
    expect(shouldFallBack({ ...exit, code: 0 })).toBe(false); // e.g. a second instance handing over
  });

  it('watches for the marker the shell really prints', () => {
    expect(SHELL_READY_MARKER).toBe(SHELL_MARKER);
  });
});

// End to end: the real script, with Electron's own ELECTRON_OVERRIDE_DIST_PATH pointing at a
// folder we control (so nothing is downloaded and no real Electron is launched).
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

async function runStart(electronDir: string, args: string[], home = tempHome()) {
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  // The browser `serve --open` would launch: a stand-in that records the URL it was given.
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > "${join(home, 'opened')}"\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const child = spawn(process.execPath, [START, ...args], {
    env: {
      ...process.env,
      HOOKLINE_HOME: home,
      ELECTRON_OVERRIDE_DIST_PATH: electronDir,
      PATH: `${bin}:${process.env.PATH}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const until = async (predicate: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { home, child, exited, output: () => out, until };
}

function fakeElectron(script: string): string {
  const dir = tempHome();
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

const serveArgs = async () => ['--tunnel', 'none', '--port', String(await freePort()), '--ui-port', '0'];

describe.runIf(process.platform === 'linux')('npm start (scripts/start.mjs)', () => {
  it('without an Electron binary, says so and opens the core’s UI in the browser', async () => {
    const run = await runStart(tempHome(), await serveArgs());
    await run.until(() => existsSync(join(run.home, 'opened')));
    expect(run.output()).toMatch(
      /Electron's binary is not available \(no binary at .*electron\); starting the core/,
    );
    expect(readFileSync(join(run.home, 'opened'), 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('a second npm start shows the UI already running instead of starting another', async () => {
    const first = await runStart(tempHome(), await serveArgs());
    const opened = join(first.home, 'opened');
    await first.until(() => existsSync(opened));
    const url = readFileSync(opened, 'utf8');
    rmSync(opened);
    const second = await runStart(tempHome(), await serveArgs(), first.home);
    expect(await second.exited).toBe(0);
    expect(readFileSync(opened, 'utf8')).toBe(url);
    expect(second.output()).toContain('Opened the Hookline UI in your browser');
    expect(second.output()).not.toContain('starting the core');
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('when Electron cannot start (no display), falls back to the browser', async () => {
    const electron = fakeElectron(
      'echo "[1:ERROR:ozone_platform_x11.cc(240)] Missing X server or \\$DISPLAY" >&2; exit 1',
    );
    const run = await runStart(electron, await serveArgs());
    await run.until(() => existsSync(join(run.home, 'opened')));
    expect(run.output()).toContain(
      '(it failed to start: [1:ERROR:ozone_platform_x11.cc(240)] Missing X server',
    );
    run.child.kill('SIGTERM');
    await run.exited;
  });

  it('launches Electron on dist/main.js and stays out of the way when its window comes up', async () => {
    const electron = fakeElectron(`echo "$@" > "$(dirname "$0")/args"; echo "${SHELL_READY_MARKER}"; exit 0`);
    const run = await runStart(electron, []);
    expect(await run.exited).toBe(0);
    expect(readFileSync(join(electron, 'args'), 'utf8').trim()).toBe(join(ROOT, 'dist/main.js'));
    expect(run.output()).not.toContain('not available');
    expect(existsSync(join(run.home, 'opened'))).toBe(false);
  });
});
