import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ChaosRun, ChaosRunSummary } from '../../shared/chaos';

const FLAGS = [
  'non_2xx_to_valid',
  'timeout',
  'send_error',
  'duplicate_5xx',
  'duplicate_answered_differently',
] as const;

// Rows are data from disk: checked before use, like every JSON column.
const optionsSchema = z.object({
  targetUrl: z.string(),
  eventIds: z.array(z.string()),
  duplicates: z.number(),
  reorder: z.boolean(),
  burst: z.number(),
  delayMs: z.tuple([z.number(), z.number()]),
  seed: z.string(),
  timeoutMs: z.number().nullable(),
});
const stepSchema = z.object({
  index: z.number(),
  eventId: z.string(),
  kind: z.enum(['original', 'duplicate', 'retry']),
  copyOf: z.number().nullable(),
  batch: z.number(),
  delayMs: z.number(),
  deliveryId: z.string().nullable(),
  status: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  answer: z.string(),
  flags: z.array(z.enum(FLAGS)),
});
const flagCountsSchema = z.partialRecord(z.enum(FLAGS), z.number());

interface Row {
  id: string;
  started_at: number;
  finished_at: number;
  created_by: string;
  options: string;
  steps: string;
  flag_counts: string;
  notes: string;
}

function toRun(row: Row): ChaosRun {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdBy: row.created_by,
    options: optionsSchema.parse(JSON.parse(row.options)),
    steps: z.array(stepSchema).parse(JSON.parse(row.steps)),
    flagCounts: flagCountsSchema.parse(JSON.parse(row.flag_counts)),
    notes: z.array(z.string()).parse(JSON.parse(row.notes)),
  };
}

/** Saved chaos runs. */
export class ChaosRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO chaos_runs (id, started_at, finished_at, created_by, target_url, options, steps, flag_counts, notes)
       VALUES (@id, @started_at, @finished_at, @created_by, @target_url, @options, @steps, @flag_counts, @notes)`,
    );
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM chaos_runs WHERE id = ?');
    this.listStmt = db.prepare<[number], Row>(
      'SELECT * FROM chaos_runs ORDER BY started_at DESC, id DESC LIMIT ?',
    );
  }

  /** Stores a finished run. */
  insert(run: ChaosRun): void {
    this.insertStmt.run({
      id: run.id,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      created_by: run.createdBy,
      target_url: run.options.targetUrl,
      options: JSON.stringify(run.options),
      steps: JSON.stringify(run.steps),
      flag_counts: JSON.stringify(run.flagCounts),
      notes: JSON.stringify(run.notes),
    });
  }

  /** One run, or null. */
  get(id: string): ChaosRun | null {
    const row = this.getStmt.get(id);
    return row ? toRun(row) : null;
  }

  /** The newest runs first, without their steps. */
  list(limit: number): ChaosRunSummary[] {
    return this.listStmt.all(limit).map((row) => {
      const { steps, ...rest } = toRun(row);
      return { ...rest, stepCount: steps.length };
    });
  }
}
