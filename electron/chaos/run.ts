/**
 * Runs a chaos plan against a target: every event's request is built once (re-signed once, with a
 * fresh timestamp, when its endpoint has a secret) so a duplicate carries the same delivery id and
 * signature as its first copy, exactly as a real redelivery does. A send cut off at the provider's
 * timeout is retried once at the end, as the sender would.
 */
import type { ChaosOptions, ChaosRun, ChaosStep } from '../../shared/chaos';
import type { StoredEvent } from '../../shared/types';
import { InboxError } from '../core/errors';
import { newChaosRunId } from '../core/ids';
import type { Inbox } from '../core/inbox';
import { answerPreview } from '../delivery/answer-preview';
import { buildRequest } from '../delivery/build-request';
import { type OutgoingRequest, sendRequest } from '../delivery/http-send';
import { canSign, providerEventInfo } from '../signatures';
import { countFlags, flagsFor } from './flags';
import { type PlannedStep, planRun } from './plan';
import { providerTimeoutMs } from './provider-timeouts';

const ANSWER_PREVIEW = 1000;

interface Prepared {
  event: StoredEvent;
  request: OutgoingRequest;
  /** Whether the target should accept it: stored valid and sent with a signature that still holds. */
  signedValid: boolean;
  timeoutMs: number;
}

function prepare(inbox: Inbox, event: StoredEvent, options: ChaosOptions, notes: string[]): Prepared {
  const endpoint = inbox.endpointById(event.endpointId);
  const scheme = event.verification.scheme;
  const resignable = endpoint !== null && endpoint.secrets.length > 0 && scheme !== null && canSign(scheme);
  const request = buildRequest(
    event,
    endpoint,
    options.targetUrl,
    {},
    resignable ? { now: inbox.clock.now() } : null,
  );
  if (!resignable && scheme !== null)
    notes.push(
      `${event.id} was sent with its stored ${scheme} signature (no endpoint secret to re-sign it): a timestamp check may reject it as stale`,
    );
  return {
    event,
    request,
    signedValid: resignable && event.verification.status === 'valid',
    timeoutMs: options.timeoutMs ?? providerTimeoutMs(event.provider),
  };
}

async function send(
  planned: PlannedStep,
  prepared: Prepared,
): Promise<{ step: ChaosStep; timedOut: boolean }> {
  if (planned.delayMs > 0) await new Promise((r) => setTimeout(r, planned.delayMs));
  const { request, event } = prepared;
  const sent = await sendRequest(request, { timeoutMs: prepared.timeoutMs });
  const info = providerEventInfo(event.provider, request.headers, request.body);
  return {
    timedOut: !sent.ok && sent.timedOut,
    step: {
      ...planned,
      deliveryId: info.id,
      status: sent.ok ? sent.response.status : null,
      error: sent.ok ? null : sent.error,
      durationMs: sent.durationMs,
      answer: sent.ok ? answerPreview(sent.response.body, ANSWER_PREVIEW) : '',
      flags: [],
    },
  };
}

/** Checks options; the event ids must exist (in received order). */
export function checkChaosOptions(options: ChaosOptions): void {
  if (!/^https?:\/\//i.test(options.targetUrl))
    throw new InboxError('invalid', `--to "${options.targetUrl}" is not an http(s) URL`);
  if (options.eventIds.length === 0)
    throw new InboxError(
      'invalid',
      'No events selected: receive or trigger some first, or name them with --events',
    );
  if (!(options.duplicates >= 0 && options.duplicates <= 1))
    throw new InboxError('invalid', '--duplicates is a probability from 0 to 1');
  if (!Number.isInteger(options.burst) || options.burst < 1 || options.burst > 50)
    throw new InboxError('invalid', '--burst must be from 1 to 50');
  if (options.eventIds.length > 200) throw new InboxError('invalid', 'A chaos run takes at most 200 events');
  if (options.timeoutMs !== null && !(options.timeoutMs >= 1 && options.timeoutMs <= 600_000))
    throw new InboxError('invalid', '--timeout-ms must be from 1 to 600000');
  const [low, high] = options.delayMs;
  if (!(low >= 0 && high >= low && high <= 60_000))
    throw new InboxError('invalid', '--delay-ms must be A-B with 0 ≤ A ≤ B ≤ 60000');
}

/** Plans, sends and saves a chaos run; `onProgress` hears how many deliveries are sent, of how many. */
export async function runChaos(
  inbox: Inbox,
  options: ChaosOptions,
  actor: string,
  onProgress: (sent: number, total: number) => void = () => {},
): Promise<ChaosRun> {
  checkChaosOptions(options);
  const startedAt = inbox.clock.now();
  const notes: string[] = [];
  const prepared = new Map<string, Prepared>();
  for (const id of new Set(options.eventIds))
    prepared.set(id, prepare(inbox, inbox.getEvent(id), options, notes));
  const preparedFor = (eventId: string): Prepared => {
    const found = prepared.get(eventId);
    if (!found) throw new Error(`chaos plan names ${eventId}, which was not prepared`);
    return found;
  };
  const plan = planRun(options);
  const steps: ChaosStep[] = [];
  const retries: PlannedStep[] = [];
  const record = (result: { step: ChaosStep; timedOut: boolean }, p: Prepared) => {
    const first = result.step.copyOf === null ? null : (steps[result.step.copyOf] ?? null);
    result.step.flags = flagsFor(result.step, p.signedValid, result.timedOut, first);
    steps[result.step.index] = result.step;
    if (result.timedOut && result.step.kind !== 'retry') {
      const index = plan.length + retries.length;
      const { eventId } = result.step;
      retries.push({ index, eventId, kind: 'retry', copyOf: result.step.index, batch: -1, delayMs: 0 });
    }
  };
  const batches = [...new Set(plan.map((s) => s.batch))];
  for (const batch of batches) {
    const members = plan.filter((s) => s.batch === batch);
    const results = await Promise.all(members.map((s) => send(s, preparedFor(s.eventId))));
    for (const result of results) record(result, preparedFor(result.step.eventId));
    onProgress(steps.filter(Boolean).length, plan.length + retries.length);
  }
  const lastBatch = (batches.at(-1) ?? -1) + 1;
  for (const [i, retry] of retries.entries()) {
    const p = preparedFor(retry.eventId);
    record(await send({ ...retry, batch: lastBatch + i }, p), p);
    onProgress(steps.filter(Boolean).length, plan.length + retries.length);
  }
  const run: ChaosRun = {
    id: newChaosRunId(startedAt),
    startedAt,
    finishedAt: inbox.clock.now(),
    createdBy: actor,
    options,
    steps,
    flagCounts: countFlags(steps),
    notes: [...new Set(notes)],
  };
  inbox.chaosRuns.save(run);
  return run;
}
