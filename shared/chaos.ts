/** Chaos delivery runs: what was sent to a target, how it answered, and what looks wrong. */

/** Why a step was sent: the delivery itself, the same delivery again, or a sender's retry after a timeout. */
export type ChaosStepKind = 'original' | 'duplicate' | 'retry';

/** A classic handler bug, seen in one step. */
export type ChaosFlag =
  /** A correctly signed event was not answered 2xx: the sender will retry it, or disable the endpoint. */
  | 'non_2xx_to_valid'
  /** No answer within the provider's timeout: the sender gives up and retries. */
  | 'timeout'
  /** Could not connect or the connection broke. */
  | 'send_error'
  /** A duplicate delivery got a 5xx: the handler crashes on a redelivery (unique key, double insert…). */
  | 'duplicate_5xx'
  /** The duplicate was answered 2xx but differently from the first copy: was it processed twice? */
  | 'duplicate_answered_differently';

/** One planned and sent delivery. */
export interface ChaosStep {
  index: number;
  eventId: string;
  kind: ChaosStepKind;
  /** For duplicates and retries: the step they repeat. */
  copyOf: number | null;
  /** Sent concurrently with the other steps of the same batch (--burst). */
  batch: number;
  /** Waited before sending (--delay-ms). */
  delayMs: number;
  /** The provider's delivery id the request carries (what idempotent handlers key on). */
  deliveryId: string | null;
  status: number | null;
  error: string | null;
  durationMs: number | null;
  /** Start of the answer's body. */
  answer: string;
  flags: ChaosFlag[];
}

/** The options a run was made with (enough to run it again). */
export interface ChaosOptions {
  targetUrl: string;
  eventIds: string[];
  duplicates: number;
  reorder: boolean;
  burst: number;
  delayMs: [number, number];
  seed: string;
  /** Per-send timeout override; null: each provider's own. */
  timeoutMs: number | null;
}

/** A finished run, as saved. */
export interface ChaosRun {
  id: string;
  startedAt: number;
  finishedAt: number;
  createdBy: string;
  options: ChaosOptions;
  steps: ChaosStep[];
  /** How many steps carry each flag. */
  flagCounts: Partial<Record<ChaosFlag, number>>;
  /** Notes for people (e.g. events sent with their original, stale signatures). */
  notes: string[];
}

/** A run in a list (without its steps). */
export type ChaosRunSummary = Omit<ChaosRun, 'steps'> & { stepCount: number };

/** A run started from the GUI, while it runs in the serving process and once it is saved. */
export interface ChaosJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  /** Deliveries sent so far, of `total` planned (retries after a timeout come on top). */
  sent: number;
  total: number;
  /** The saved run, once done. */
  runId: string | null;
  /** Why it failed, for people. */
  error: string | null;
}
