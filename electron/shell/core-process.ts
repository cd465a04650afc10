import { type ChildProcess, spawn } from 'node:child_process';
import type { CoreCommand } from './core-command';
import { type ServeFacts, parseServeLine } from './serve-facts';
import { LineSplitter, TextTail } from './text-tail';

/** How a core child ended. */
export interface CoreExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the core wrote to stderr. */
  stderrTail: string;
}

/** The core failed before printing its ready line. */
export class CoreStartError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'CoreStartError';
  }
}

/** A core child process that reported ready. */
export interface CoreChild {
  child: ChildProcess;
  /** The first facts line. */
  facts: ServeFacts;
  /** The last lines the core wrote to stderr. */
  stderrTail(): string;
  /** Stops the core (SIGTERM, then SIGKILL after `graceMs`); does not count as unexpected. */
  stop(graceMs?: number): Promise<void>;
}

/** Callbacks for {@link launchCore}. */
export interface LaunchOptions {
  /** Every stderr chunk (the app's log). */
  onStderr?: (text: string) => void;
  /** Every facts line after the first (role or tunnel changes). */
  onFacts?: (facts: ServeFacts) => void;
  /** The core exited without {@link CoreChild.stop} being called. */
  onUnexpectedExit?: (exit: CoreExit) => void;
  /** How long to wait for the ready line. */
  readyTimeoutMs?: number;
}

/** Spawns `hookline serve --json` and resolves once it prints its first facts line. */
export function launchCore(command: CoreCommand, options: LaunchOptions = {}): Promise<CoreChild> {
  const child = spawn(command.command, command.args, {
    env: command.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const tail = new TextTail();
  const lines = new LineSplitter();
  let ready: CoreChild | null = null;
  let stopping = false;

  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    tail.push(text);
    options.onStderr?.(text);
  });

  const stop = (graceMs = 5000) =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // The core closes its servers and the database on SIGTERM; SIGKILL only if it hangs.
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  return new Promise<CoreChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(`The Hookline core did not report ready within ${options.readyTimeoutMs ?? 20_000} ms`);
      child.kill('SIGKILL');
    }, options.readyTimeoutMs ?? 20_000);

    function fail(message: string) {
      clearTimeout(timer);
      reject(new CoreStartError(message, tail.toString()));
    }

    child.once('error', (error) => fail(`Could not start the Hookline core: ${error.message}`));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      for (const line of lines.push(text)) {
        const facts = parseServeLine(line);
        if (!facts) continue;
        if (ready) {
          options.onFacts?.(facts);
          continue;
        }
        clearTimeout(timer);
        ready = { child, facts, stderrTail: () => tail.toString(), stop };
        resolve(ready);
      }
    });
    child.once('exit', (code, signal) => {
      if (!ready) {
        fail(`The Hookline core exited (${signal ?? `code ${code}`}) before it was ready`);
        return;
      }
      if (!stopping) options.onUnexpectedExit?.({ code, signal, stderrTail: tail.toString() });
    });
  });
}
