import type { ChaosRun, ChaosRunSummary } from '../../shared/chaos';
import { InboxError } from './errors';
import type { ChaosRunPort } from './ports';

/** Saved chaos delivery runs: `hookline chaos` writes them, the CLI and the GUI open them later. */
export class ChaosRuns {
  constructor(private readonly port: ChaosRunPort) {}

  /** Saves a finished run. */
  save(run: ChaosRun): void {
    this.port.save(run);
  }

  /** A saved run, or a not_found error. */
  get(id: string): ChaosRun {
    const run = this.port.get(id);
    if (!run) throw new InboxError('not_found', `Chaos run "${id}" not found`);
    return run;
  }

  /** The newest saved runs, without their steps. */
  list(limit = 20): ChaosRunSummary[] {
    return this.port.list(limit);
  }
}
