import { randomBytes } from 'node:crypto';
import type { ChaosOptions } from '../../../shared/chaos';
import { assertReachable } from '../../chaos/reachable';
import { checkChaosOptions, runChaos } from '../../chaos/run';
import type { Inbox } from '../../core/inbox';
import { runTrigger } from '../../trigger/run';
import {
  type CliContext,
  type Command,
  HELP_FLAG,
  UsageError,
  intFlag,
  parseFlags,
  printJson,
} from '../command';
import { openInbox } from '../open-inbox';
import { formatRun, formatRuns } from './chaos-format';

const HELP = `Usage: hookline chaos --to URL [--events <selection>] [--limit N] [--duplicates P] [--reorder]
                      [--burst N] [--delay-ms A-B] [--seed S] [--timeout-ms MS] [--json]
       hookline chaos --to URL --trigger provider:type[:N]... --endpoint E [options]
       hookline chaos runs [--json]            saved runs, newest first
       hookline chaos show <run-id> [--json]   one saved run

Replays stored events to your handler the way real senders misbehave, and shows what it answered
to each. Each event is re-signed once (fresh timestamp, its endpoint's secret) and every copy of it
carries that same delivery id and signature, as a real redelivery does.
  --events S       evt_a,evt_b,… | endpoint:<id|label> (its newest --limit events) — default: the
                   inbox's newest --limit events; sent oldest first (handshakes are skipped)
  --limit N        how many events a selection takes (default 20, at most 200)
  --duplicates P   probability each event is delivered a second time, later (default 0.3)
  --reorder        shuffle the order
  --burst N        send N deliveries at once (default 1: one after another)
  --delay-ms A-B   wait a random A..B ms before each delivery (late deliveries)
  --seed S         the same seed gives the same run (order, duplicates, delays); printed each time
  --timeout-ms MS  per-delivery timeout (default: each provider's own, e.g. Stripe and GitHub 10 s);
                   a delivery cut off there is retried once at the end, as the sender would
A target that refuses connections is refused before anything is sent.
Flags: a valid event not answered 2xx, timeouts, 5xx on a duplicate, and a duplicate answered 2xx
but differently from its first copy (was it processed twice?). Duplicates are shown side by side.
  --trigger P:T[:N] first send N (default 3) fresh synthetic events of that type through the
                   receiver to --endpoint E (see hookline trigger), then run chaos on them.`;

const MAX_EVENTS = 200;

function selectEvents(inbox: Inbox, selection: string | undefined, limit: number): string[] {
  if (selection?.startsWith('evt_')) return selection.split(',').map((id) => inbox.getEvent(id.trim()).id);
  let endpointIds: string[] | undefined;
  if (selection !== undefined) {
    if (!selection.startsWith('endpoint:'))
      throw new UsageError(`--events "${selection}": give event ids (evt_a,evt_b) or endpoint:<id|label>`);
    endpointIds = [inbox.getEndpoint(selection.slice('endpoint:'.length)).id];
  }
  const newest = inbox
    .listEvents({ endpointIds, order: 'desc', limit: limit * 2 })
    .filter((e) => e.handshake === null)
    .slice(0, limit);
  return newest.reverse().map((e) => e.id);
}

/** Sends `--trigger provider:type[:N]` events into the inbox and returns their ids, in send order. */
async function triggered(inbox: Inbox, specs: string[], endpoint: string | undefined): Promise<string[]> {
  if (endpoint === undefined)
    throw new UsageError('--trigger needs --endpoint E: the events go through it into the inbox');
  const ids: string[] = [];
  for (const spec of specs) {
    const match = /^([^:]+):([^:]+)(?::(\d+))?$/.exec(spec);
    if (!match)
      throw new UsageError(`--trigger "${spec}" is not provider:type[:count] (e.g. stripe:invoice.paid:5)`);
    const results = await runTrigger(inbox, {
      provider: match[1] ?? '',
      type: match[2] ?? '',
      endpoint,
      count: match[3] === undefined ? 3 : Number(match[3]),
    });
    for (const r of results) {
      if (!r.stored)
        throw new UsageError(
          `A triggered ${spec} event was not stored (${r.error ?? `answered ${r.status}`})`,
        );
      ids.push(r.stored.eventId);
    }
  }
  return ids;
}

function parseRange(text: string | undefined): [number, number] {
  if (text === undefined) return [0, 0];
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) throw new UsageError(`--delay-ms must be A-B in milliseconds (e.g. 0-2000), got "${text}"`);
  const low = Number(match[1]);
  return [low, match[2] === undefined ? low : Number(match[2])];
}

function parseProbability(text: string | undefined): number {
  if (text === undefined) return 0.3;
  const p = Number(text);
  if (!(p >= 0 && p <= 1)) throw new UsageError(`--duplicates is a probability from 0 to 1, got "${text}"`);
  return p;
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      to: { type: 'string' },
      events: { type: 'string' },
      trigger: { type: 'string', multiple: true },
      endpoint: { type: 'string', short: 'e' },
      limit: { type: 'string', short: 'n' },
      duplicates: { type: 'string' },
      reorder: { type: 'boolean' },
      burst: { type: 'string' },
      'delay-ms': { type: 'string' },
      seed: { type: 'string' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [sub, ...rest] = positionals;
  const inbox = openInbox(ctx);
  try {
    if (sub === 'runs') {
      const runs = inbox.chaosRuns.list(50);
      if (values.json) printJson(ctx, runs);
      else ctx.out(formatRuns(runs));
      return 0;
    }
    if (sub === 'show') {
      if (rest.length !== 1) throw new UsageError('chaos show needs one run id');
      const saved = inbox.chaosRuns.get(rest[0] ?? '');
      if (values.json) printJson(ctx, saved);
      else ctx.out(formatRun(saved));
      return 0;
    }
    if (sub !== undefined) throw new UsageError(`Unknown "chaos ${sub}": use --to URL, runs or show`);
    if (!values.to)
      throw new UsageError('chaos needs --to URL: the handler to test (e.g. http://localhost:3000/webhooks)');
    const limit = intFlag(values.limit, 'limit', 20);
    if (limit < 1 || limit > MAX_EVENTS) throw new UsageError(`--limit must be from 1 to ${MAX_EVENTS}`);
    const timeout =
      values['timeout-ms'] === undefined ? null : intFlag(values['timeout-ms'], 'timeout-ms', 0);
    const options: ChaosOptions = {
      targetUrl: values.to,
      eventIds: values.trigger
        ? await triggered(inbox, values.trigger, values.endpoint)
        : selectEvents(inbox, values.events, limit),
      duplicates: parseProbability(values.duplicates),
      reorder: values.reorder ?? false,
      burst: intFlag(values.burst, 'burst', 1),
      delayMs: parseRange(values['delay-ms']),
      seed: values.seed ?? randomBytes(4).toString('hex'),
      timeoutMs: timeout === 0 ? null : timeout,
    };
    checkChaosOptions(options);
    await assertReachable(options.targetUrl);
    const result = await runChaos(inbox, options, 'cli');
    if (values.json) printJson(ctx, result);
    else ctx.out(formatRun(result));
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline chaos --to URL …`. */
export const chaosCommand: Command = {
  name: 'chaos',
  summary: 'replay events to your handler like real senders misbehave (duplicates, reorder, bursts)',
  help: HELP,
  run,
};
