// Types for scripts/start.mjs, so test/shell can import its decisions under `strict`.

/** What `require('electron')` answered in a child process. */
export interface ElectronProbe {
  path: string | null;
  output: string;
}

/** A command to run. */
export type LaunchPlan =
  | { mode: 'electron'; command: string; args: string[] }
  | { mode: 'browser'; message: string; command: string; args: string[] };

export const SHELL_READY_MARKER: string;
export function summariseFailure(output: string): string;
export function parseProbeOutput(stdout: string): string | null;
export function chooseLaunch(
  probe: ElectronProbe,
  exists: boolean,
  root?: string,
  nodePath?: string,
  extraArgs?: string[],
): LaunchPlan;
export function browserFallback(
  reason: string,
  root?: string,
  nodePath?: string,
  extraArgs?: string[],
): LaunchPlan;
export function shouldFallBack(exit: {
  code: number | null;
  signal: NodeJS.Signals | null;
  ready: boolean;
  interrupted: boolean;
}): boolean;
