import { isProcessAlive } from '../base/process-alive';
import { findAttachableCore, uiServerAnswers } from './attach';
import { buildCoreCommand } from './core-command';
import { type CoreChild, CoreStartError, type LaunchOptions, launchCore } from './core-process';
import { type UiLocation, parseUiUrl } from './ui-url';

/** A core the window can show: one we started, or one that was already running. */
export interface CoreConnection {
  ui: UiLocation;
  /** The child we spawned; null when attached to someone else's core (we must not stop it). */
  child: CoreChild | null;
}

/** Inputs for {@link connectCore}. */
export interface ConnectOptions extends LaunchOptions {
  home: string;
  execPath: string;
  cliPath: string;
  env: NodeJS.ProcessEnv;
  /** Extra `serve` flags (tests). */
  extraArgs?: string[];
}

/**
 * Attaches to a core already serving `home` (its ui-server.json names a live pid whose UI server
 * answers with the recorded token), else spawns `hookline serve --json` and waits for its UI URL.
 */
export async function connectCore(options: ConnectOptions): Promise<CoreConnection> {
  const attached = await findAttachableCore(options.home, {
    isAlive: isProcessAlive,
    answers: uiServerAnswers,
  });
  if (attached) return { ui: attached, child: null };

  const command = buildCoreCommand(options);
  const child = await launchCore(command, options);
  const ui = child.facts.uiUrl ? parseUiUrl(child.facts.uiUrl) : null;
  if (!ui) {
    const tail = child.stderrTail();
    await child.stop();
    throw new CoreStartError(
      `The Hookline core started but reported no usable UI URL (${child.facts.uiUrl ?? 'none'})`,
      tail,
    );
  }
  return { ui, child };
}
