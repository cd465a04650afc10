import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { CLI } from './cli-process';

/** What `hookline relay --json` prints when ready. */
export interface RelayFacts {
  app: 'hookline';
  role: 'relay';
  pid: number;
  port: number;
  localUrl: string;
  publicUrl: string;
  apiUrl: string;
  store: 'sqlite' | 'postgres';
}

/** A running `hookline relay`. */
export interface RelayProcess {
  child: ChildProcess;
  facts: RelayFacts;
  stderr: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `node dist/cli.js relay --json --port 0 …` with HOOKLINE_HOME and waits for its ready line. */
export function startRelayProcess(
  home: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RelayProcess> {
  const child = spawn(process.execPath, [CLI, 'relay', '--json', '--port', '0', ...args], {
    env: { ...process.env, HOOKLINE_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${stderr}`)), 20_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code} before it was ready: ${stderr}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve({
        child,
        facts: JSON.parse(line) as RelayFacts,
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited.finally(() => running.delete(child));
        },
      });
    });
  });
}
