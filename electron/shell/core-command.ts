/** How to start the core as a child process. */
export interface CoreCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Inputs for {@link buildCoreCommand}. */
export interface CoreCommandInput {
  /** The running binary: node in development, the Electron binary when launched by Electron. */
  execPath: string;
  /** Absolute path of the bundled `dist/cli.js`. */
  cliPath: string;
  /** The data directory the app uses (HOOKLINE_HOME or Electron's userData). */
  home: string;
  /** The environment to inherit. */
  env: NodeJS.ProcessEnv;
  /** Extra `serve` flags (tests pass ports; the app passes none). */
  extraArgs?: string[];
}

/**
 * `serve --json` run by the current binary. ELECTRON_RUN_AS_NODE makes the Electron binary behave
 * as plain Node, so a packaged app needs no separate Node; it also keeps better-sqlite3 out of the
 * Electron main process (the native ABI split DESIGN.md describes).
 */
export function buildCoreCommand(input: CoreCommandInput): CoreCommand {
  const env: NodeJS.ProcessEnv = { ...input.env, ELECTRON_RUN_AS_NODE: '1', HOOKLINE_HOME: input.home };
  // The window is the UI: the core must not open a browser tab as well.
  return {
    command: input.execPath,
    args: [input.cliPath, 'serve', '--json', ...(input.extraArgs ?? [])],
    env,
  };
}

/** The data directory for the app: HOOKLINE_HOME when set, else Electron's userData ("Hookline"). */
export function shellHome(env: NodeJS.ProcessEnv, userData: string): string {
  return env.HOOKLINE_HOME ? env.HOOKLINE_HOME : userData;
}
