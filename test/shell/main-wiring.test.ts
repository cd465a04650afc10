import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../electron/base/process-alive';
import { readUiServerRecord } from '../../electron/shell/attach';
import { UI_CSP } from '../../electron/shell/security-policy';
import { runCliJson } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

// dist/main.js — the real composition root — run under plain Node with a stand-in `electron`
// module (test/shell/fake-electron), against a real core it spawns itself.
const ROOT = resolve(import.meta.dirname, '../..');
const REGISTER = join(import.meta.dirname, 'fake-electron/register.mjs');

type Record = { what: string } & { [key: string]: unknown };

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function startShell(home: string, appData: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', REGISTER, join(ROOT, 'dist/main.js'), ...args], {
    env: { ...process.env, HOOKLINE_HOME: home, XDG_CONFIG_HOME: appData, FAKE_APP_DATA: appData },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const records: Record[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('FAKE ')) records.push(JSON.parse(line.slice(5)) as Record);
      else records.push({ what: 'stdout', line });
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = async (predicate: (r: Record) => boolean, timeoutMs = 15_000): Promise<Record> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = records.find(predicate);
      if (hit) return hit;
      if (Date.now() > deadline) {
        throw new Error(`timed out; records: ${JSON.stringify(records, null, 1)}\nstderr: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const send = (command: object) => child.stdin.write(`${JSON.stringify(command)}\n`);
  return { child, records, waitFor, send, exited, stderr: () => stderr };
}

function post(url: string, body: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('the Electron shell (dist/main.js) wired to a real core', () => {
  it('opens a hardened window on the core it starts, guards it, notifies, and stops the core on quit', async () => {
    const home = tempHome();
    const appData = tempHome();
    const receiverPort = await freePort();
    const shell = startShell(home, appData, [
      '--tunnel',
      'none',
      '--port',
      String(receiverPort),
      '--ui-port',
      '0',
    ]);

    // userData is pinned to the CLI's default data dir before anything else.
    expect((await shell.waitFor((r) => r.what === 'app.setPath')).value).toBe(join(appData, 'Hookline'));

    const loaded = await shell.waitFor((r) => r.what === 'window.loadURL');
    const ui = new URL(String(loaded.url));
    expect(ui.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ui.searchParams.get('token')).toBeTruthy();
    await shell.waitFor((r) => r.what === 'stdout' && r.line === 'hookline-shell: ready');
    const created = await shell.waitFor((r) => r.what === 'window.create');
    expect(created.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(ROOT, 'dist/preload.cjs'),
    });
    expect(existsSync(join(ROOT, 'dist/preload.cjs'))).toBe(true);

    // Navigation stays on the UI origin; foreign http(s) goes to the system browser.
    shell.send({ do: 'navigate', url: `${ui.origin}/#/endpoints` });
    shell.send({ do: 'navigate', url: 'https://evil.example/phish' });
    expect(
      (await shell.waitFor((r) => r.what === 'navigate' && r.url === `${ui.origin}/#/endpoints`)).blocked,
    ).toBe(false);
    expect(
      (await shell.waitFor((r) => r.what === 'navigate' && r.url === 'https://evil.example/phish')).blocked,
    ).toBe(true);
    shell.send({ do: 'open', url: 'https://docs.stripe.com/webhooks' });
    shell.send({ do: 'open', url: 'file:///etc/passwd' });
    expect((await shell.waitFor((r) => r.what === 'open' && r.url === 'file:///etc/passwd')).result).toEqual({
      action: 'deny',
    });
    await shell.waitFor(
      (r) => r.what === 'shell.openExternal' && r.url === 'https://docs.stripe.com/webhooks',
    );
    expect(shell.records.some((r) => r.what === 'shell.openExternal' && r.url === 'file:///etc/passwd')).toBe(
      false,
    );

    // Permissions denied; CSP on the UI origin only.
    shell.send({ do: 'permission', permission: 'media' });
    expect((await shell.waitFor((r) => r.what === 'permission')).granted).toBe(false);
    shell.send({ do: 'headers', url: `${ui.origin}/index.html` });
    shell.send({ do: 'headers', url: 'https://fonts.example/x.css' });
    const csp = await shell.waitFor((r) => r.what === 'headers' && r.url === `${ui.origin}/index.html`);
    expect(csp.response).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [UI_CSP] },
    });
    expect(
      (await shell.waitFor((r) => r.what === 'headers' && r.url !== `${ui.origin}/index.html`)).response,
    ).toEqual({});

    // A webhook arrives: native notification by endpoint label, tray count, click opens the event.
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'stripe-dev']);
    expect(
      await post(`http://127.0.0.1:${receiverPort}/h/${endpoint.id}`, '{"type":"charge.succeeded"}'),
    ).toBe(200);
    const toast = await shell.waitFor((r) => r.what === 'notification');
    expect(toast.title).toBe('New webhook on stripe-dev');
    await shell.waitFor((r) => r.what === 'tray.tooltip' && r.text === 'Hookline — 1 pending webhook');
    shell.send({ do: 'click-notification' });
    const opened = await shell.waitFor(
      (r) => r.what === 'window.loadURL' && String(r.url).includes('#/events/'),
    );
    expect(String(opened.url)).toMatch(new RegExp(`^${ui.origin}/\\?token=[^#]+#/events/evt_`));
    await shell.waitFor((r) => r.what === 'window.focus');

    // Quit: the core child is stopped before the app exits.
    const corePid = readUiServerRecord(home)?.pid;
    expect(corePid).toBeTypeOf('number');
    shell.send({ do: 'quit' });
    await shell.waitFor((r) => r.what === 'app.quit');
    expect(await shell.exited).toBe(0);
    expect(isProcessAlive(corePid!)).toBe(false);
    expect(readUiServerRecord(home)).toBeNull();
    expect(shell.records.filter((r) => r.what.startsWith('dialog'))).toEqual([]);
  });

  it('offers restart when the core dies, and quits cleanly when the user declines', async () => {
    const home = tempHome();
    const shell = startShell(home, tempHome(), [
      '--tunnel',
      'none',
      '--port',
      String(await freePort()),
      '--ui-port',
      '0',
    ]);
    await shell.waitFor((r) => r.what === 'window.loadURL');
    const corePid = readUiServerRecord(home)!.pid;
    process.kill(corePid, 'SIGKILL');
    const dialog = await shell.waitFor((r) => r.what === 'dialog.message');
    expect(dialog.message).toBe('The Hookline core stopped unexpectedly');
    await shell.waitFor((r) => r.what === 'app.quit');
    expect(await shell.exited).toBe(0);
  });
});
