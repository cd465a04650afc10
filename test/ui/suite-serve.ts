import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, type ServeFacts } from '../helpers/cli-process';

/** A `hookline serve` that lives for a whole test file (the shared helpers clean up after every test). */
export interface SuiteServe {
  home: string;
  facts: ServeFacts;
  child: ChildProcess;
  /** The UI URL's token. */
  token: string;
  uiPort: number;
  stop(): Promise<void>;
}

/** A data directory for a whole file; removed by {@link SuiteServe.stop} or by the caller. */
export function suiteHome(): string {
  return mkdtempSync(join(tmpdir(), 'hookline-ui-'));
}

/** Starts `hookline serve --json …` on a data directory and waits for its ready line. */
export function startSuiteServe(
  home: string,
  args: string[] = ['--tunnel', 'none', '--port', '0', '--ui-port', '0'],
): Promise<SuiteServe> {
  const child = spawn(process.execPath, [CLI, 'serve', '--json', ...args], {
    env: { ...process.env, HOOKLINE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const stop = () =>
    new Promise<void>((done) => {
      const finish = () => {
        rmSync(home, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once('exit', finish);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookline serve was not ready in 15 s: ${stderr}`));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hookline serve exited (${code}): ${stderr}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const nl = buffer.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      const facts = JSON.parse(buffer.slice(0, nl)) as ServeFacts;
      const ui = new URL(facts.uiUrl ?? 'http://127.0.0.1:0/');
      resolve({
        home,
        facts,
        child,
        token: ui.searchParams.get('token') ?? '',
        uiPort: Number(ui.port),
        stop,
      });
    });
  });
}

/** Calls the UI API of a suite's serve as the renderer does; throws with the core's error body on failure. */
export async function uiCall(serve: SuiteServe, method: string, params: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${serve.uiPort}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
    body: JSON.stringify(params),
  });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} → HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
