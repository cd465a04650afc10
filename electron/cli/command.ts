import { type ParseArgsConfig, parseArgs } from 'node:util';
import { errorText } from '../base/logger';

/** Where a command writes and what it runs with. */
export interface CliContext {
  /** Text for people; {@link runCli} escapes terminal control characters in it. */
  out: (text: string) => void;
  err: (text: string) => void;
  /** Exact output for programs (JSON, exports): written unchanged. */
  data: (text: string) => void;
  /** Standard input, read as a stream (a slow pipe is waited for, not an error). */
  stdin: AsyncIterable<Uint8Array | string>;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM) — for long-running commands. */
  stopSignal: Promise<void>;
}

/** One `hookline <name>` command. */
export interface Command {
  name: string;
  summary: string;
  /** Full help text shown by `--help`. */
  help: string;
  /** Returns the exit code: 0 ok, 1 failure, 2 usage. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Wrong flags or arguments: exit code 2 with the command's help hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses flags strictly (give `help` and `allowPositionals: true` in the config); unknown flags become a UsageError. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(errorText(error));
  }
}

/** The `--help`/`-h` flag every command takes. */
export const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

/** Parses a non-negative integer flag or throws a UsageError naming it. */
export function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
}

/** Prints JSON for scripts (exact: JSON escapes what a terminal would obey, `--json` output is data). */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.data(`${JSON.stringify(value, null, 2)}\n`);
}
