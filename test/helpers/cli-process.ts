import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';

/** The built CLI (npm test builds it first). */
export const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

/** Result of a finished CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …` to completion with HOOKLINE_HOME set. */
export function runCli(home: string, args: string[], input?: string | Buffer): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, HOOKLINE_HOME: home },
    input,
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking the test's event loop (needed when the test itself serves HTTP). */
export function runCliAsync(home: string, args: string[]): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, HOOKLINE_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI with --json and parses stdout. */
export function runCliJson<T = unknown>(home: string, args: string[]): T {
  const r = runCli(home, [...args, '--json']);
  if (r.code !== 0) throw new Error(`hookline ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The facts `serve --json` prints when ready. */
export interface ServeFacts {
  role: 'leader' | 'follower';
  pid: number;
  home: string;
  receiverPort: number;
  localBaseUrl: string | null;
  publicUrl: string | null;
  uiUrl: string | null;
  tunnel: { kind: string; state: string; publicUrl: string | null; lastError: string | null };
}

/** A running `hookline serve`. */
export interface ServeProcess {
  child: ChildProcess;
  facts: ServeFacts;
  /** Every JSON line printed so far (role changes print a new one). */
  lines: ServeFacts[];
  stderr: () => string;
  /** Waits for a printed line matching the predicate. */
  waitFor(predicate: (f: ServeFacts) => boolean, timeoutMs?: number): Promise<ServeFacts>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `hookline serve --json --tunnel none …` and waits until it reports ready. */
export async function startServe(
  home: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  // Tests never open a public tunnel unless they ask for one.
  const asksForTunnel = args.some((a) => a === '--tunnel' || a === '--tunnel-host' || a === '--public-url');
  const tunnel = asksForTunnel ? [] : ['--tunnel', 'none'];
  const child = spawn(process.execPath, [CLI, 'serve', '--json', ...tunnel, ...args], {
    env: { ...process.env, HOOKLINE_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  let buffer = '';
  const lines: ServeFacts[] = [];
  const waiters = new Set<() => void>();
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) lines.push(JSON.parse(line) as ServeFacts);
      for (const w of waiters) w();
      nl = buffer.indexOf('\n');
    }
  });
  const waitFor = (predicate: (f: ServeFacts) => boolean, timeoutMs = 15_000) =>
    new Promise<ServeFacts>((resolveWait, reject) => {
      const check = () => {
        const hit = lines.find(predicate);
        if (hit) {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
          resolveWait(hit);
        }
      };
      const onExit = (code: number | null) => {
        waiters.delete(check);
        clearTimeout(timer);
        reject(new Error(`hookline serve exited (${code}) before it was ready: ${stderr}`));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        child.off('exit', onExit);
        reject(new Error(`hookline serve was not ready in ${timeoutMs} ms: ${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      child.once('exit', onExit);
      check();
    });
  const facts = await waitFor(() => true);
  return {
    child,
    facts,
    lines,
    stderr: () => stderr,
    waitFor,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => {
          running.delete(child);
          done();
        });
        child.kill(signal);
      }),
  };
}

/** `hookline serve` on a free receiver port and an ephemeral UI port, no tunnel: the usual test core. */
export async function startLocalServe(home: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  // Port 0 (any free port) rather than a fixed one: a second serve on the same inbox then follows
  // the first, where asking for another fixed port would be refused (one leader per inbox).
  return startServe(home, ['--port', '0', '--ui-port', '0'], env);
}
