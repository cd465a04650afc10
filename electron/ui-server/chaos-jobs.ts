import { randomBytes } from 'node:crypto';
import type { EventFilter } from '../../shared/api';
import type { ChaosJob, ChaosOptions } from '../../shared/chaos';
import { errorText } from '../base/logger';
import { planRun } from '../chaos/plan';
import { assertReachable } from '../chaos/reachable';
import { checkChaosOptions, runChaos } from '../chaos/run';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';

// Finished jobs are kept a while for the dialog to read their outcome; runs themselves are saved.
const KEEP_JOBS = 20;
const DEFAULT_EVENTS = 20;

/** What the GUI asks for: the events named, or the newest `limit` matching a filter. */
export interface ChaosStartInput {
  targetUrl: string;
  eventIds?: string[];
  filter?: EventFilter;
  limit?: number;
  duplicates: number;
  reorder: boolean;
  burst: number;
  delayMs: [number, number];
  seed?: string;
}

/** Event ids for the run, oldest first (handshakes left out: Hookline answered them, not the handler). */
function selectEvents(inbox: Inbox, input: ChaosStartInput): string[] {
  if (input.eventIds) {
    const events = input.eventIds.map((id) => inbox.getEvent(id));
    return events.sort((a, b) => a.seq - b.seq).map((e) => e.id);
  }
  const limit = input.limit ?? DEFAULT_EVENTS;
  const text = input.filter?.text?.trim();
  const query = { ...input.filter, text: text || undefined, order: 'desc' as const, limit: limit * 2 };
  const page = query.text === undefined ? inbox.listEvents(query) : inbox.searchEvents(query).events;
  const picked = page.filter((e) => e.handshake === null).slice(0, limit);
  if (picked.length === 0)
    throw new InboxError('invalid', 'No events match the current filter: receive or trigger some first', {
      field: 'events',
    });
  return picked.reverse().map((e) => e.id);
}

/**
 * Chaos runs started from the GUI, run in this serving process with the same code as `hookline
 * chaos`; the dialog polls a job for progress, then opens the saved run.
 */
export class ChaosJobs {
  private readonly jobs = new Map<string, ChaosJob>();

  constructor(private readonly inbox: Inbox) {}

  /** Checks the options and that the target answers, then starts the run in the background. */
  async start(input: ChaosStartInput): Promise<ChaosJob> {
    const options: ChaosOptions = {
      targetUrl: input.targetUrl.trim(),
      eventIds: selectEvents(this.inbox, input),
      duplicates: input.duplicates,
      reorder: input.reorder,
      burst: input.burst,
      delayMs: input.delayMs,
      seed: input.seed?.trim() || randomBytes(4).toString('hex'),
      timeoutMs: null,
    };
    checkChaosOptions(options);
    await assertReachable(options.targetUrl);
    const job: ChaosJob = {
      id: `job_${randomBytes(8).toString('hex')}`,
      state: 'running',
      sent: 0,
      total: planRun(options).length,
      runId: null,
      error: null,
    };
    this.keep(job);
    runChaos(this.inbox, options, 'app', (sent, total) => {
      Object.assign(job, { sent, total });
    }).then(
      (run) => Object.assign(job, { state: 'done', runId: run.id, sent: run.steps.length }),
      (error: unknown) => {
        this.inbox.log.warn('chaos run failed', { error });
        Object.assign(job, { state: 'failed', error: errorText(error) });
      },
    );
    return { ...job };
  }

  /** Where a job stands. */
  get(jobId: string): ChaosJob {
    const job = this.jobs.get(jobId);
    if (!job)
      throw new InboxError(
        'not_found',
        `Chaos job "${jobId}" not found (jobs are kept until the app restarts)`,
      );
    return { ...job };
  }

  private keep(job: ChaosJob): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_JOBS) break;
      if (this.jobs.get(id)?.state !== 'running') this.jobs.delete(id);
    }
  }
}
