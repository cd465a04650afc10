import { readFileSync } from 'node:fs';
import { bodyAsText } from '../../core/event-json';
import type { Inbox } from '../../core/inbox';
import { inferFromEvents } from '../../schema/attach';
import { driftReport } from '../../schema/drift';
import { MAX_SAMPLES, jsonSamples } from '../../schema/samples';
import { type SchemaCheck, checkGithubPayload, checkWithSchema } from '../../schema/validate';
import { firstHeader } from '../../signatures/headers';
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
import { attach, detach } from './schema-attach';

const HELP = `Usage: hookline schema check <event-id> [--schema F] [--json]
       hookline schema infer [--endpoint E] [--type T] [--limit N]
       hookline schema drift [--endpoint E] [--type T] [--limit N] [--json]
       hookline schema attach <endpoint> (--file F | --infer) [--type T] [--limit N] [--json]
       hookline schema detach <endpoint> [--type T] [--json]

  check   validates an event's JSON body: GitHub events against GitHub's published schemas
          (@octokit/webhooks-schemas, by event and action), any event against --schema F
          (a JSON Schema file, e.g. one made by infer). Exit code 1 when it does not validate.
  infer   prints a JSON Schema that the newest --limit events (default 100) validate against:
          every key seen, its types, and required keys — to keep and tighten
  drift   fields that appeared, vanished or changed type across a type's events, oldest first
          (grouped by event type unless --type is given)
  attach  keeps a JSON Schema on the endpoint: its events are checked against it in the background
          (for --type T only, or every type without a schema of its own), stored events re-checked.
          --infer makes it from the endpoint's newest --limit events (of --type T). GitHub events
          are checked against GitHub's published schemas without attaching anything.
          See the results with hookline events list --schema-violations and events show.
  detach  removes it (the one for --type T, or the one for every type)`;

function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read "${path}" as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function printCheck(ctx: CliContext, eventId: string, check: SchemaCheck): void {
  if (check.valid) {
    ctx.out(`${eventId}: valid against ${check.schema}\n`);
    return;
  }
  const lines = [`${eventId}: ${check.violations.length + check.more} violation(s) of ${check.schema}`];
  for (const v of check.violations) lines.push(`  ${v.path || '(root)'}: ${v.message}`);
  if (check.more > 0) lines.push(`  … and ${check.more} more (not listed)`);
  ctx.out(`${lines.join('\n')}\n`);
}

function check(
  inbox: Inbox,
  ctx: CliContext,
  id: string,
  schemaFile: string | undefined,
  json: boolean,
): number {
  const event = inbox.getEvent(id);
  const text = bodyAsText(event.body);
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new UsageError(`Event ${event.id} has no JSON body to check`);
  }
  let result: SchemaCheck;
  if (schemaFile !== undefined) result = checkWithSchema(readJsonFile(schemaFile), schemaFile, value);
  else {
    const githubEvent = event.provider === 'github' ? firstHeader(event.headers, 'x-github-event') : null;
    if (!githubEvent)
      throw new UsageError(
        `No published schema for ${event.provider ?? 'this sender'}: pass --schema F (hookline schema infer --endpoint … makes one)`,
      );
    result = checkGithubPayload(githubEvent, value);
  }
  if (json) printJson(ctx, { eventId: event.id, ...result });
  else printCheck(ctx, event.id, result);
  return result.valid ? 0 : 1;
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      schema: { type: 'string' },
      endpoint: { type: 'string', short: 'e' },
      type: { type: 'string' },
      limit: { type: 'string', short: 'n' },
      file: { type: 'string' },
      infer: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [sub, ...rest] = positionals;
  const inbox = openInbox(ctx);
  try {
    if (sub === 'check') {
      if (rest.length !== 1) throw new UsageError('schema check needs one event id');
      return check(inbox, ctx, rest[0] ?? '', values.schema, values.json ?? false);
    }
    if (sub === 'attach' || sub === 'detach') {
      if (rest.length !== 1) throw new UsageError(`schema ${sub} needs one endpoint (id or label)`);
      const flags = {
        file: values.file,
        infer: values.infer,
        type: values.type,
        limit: intFlag(values.limit, 'limit', 100),
        json: values.json ?? false,
      };
      const endpoint = rest[0] ?? '';
      return sub === 'attach'
        ? attach(inbox, ctx, endpoint, flags, readJsonFile)
        : detach(inbox, ctx, endpoint, flags);
    }
    if (sub !== 'infer' && sub !== 'drift')
      throw new UsageError('schema needs a subcommand: check, infer, drift, attach or detach');
    const limit = intFlag(values.limit, 'limit', 100);
    if (limit < 1 || limit > MAX_SAMPLES) throw new UsageError(`--limit must be from 1 to ${MAX_SAMPLES}`);
    const endpointIds = values.endpoint === undefined ? undefined : [inbox.getEndpoint(values.endpoint).id];
    if (sub === 'infer') {
      printJson(ctx, inferFromEvents(inbox, { endpointIds, type: values.type, limit }).schema);
      return 0;
    }
    const samples = jsonSamples(inbox, { endpointIds, type: values.type, limit });
    if (samples.byType.size === 0)
      throw new UsageError('No events with a JSON body match: receive or trigger some first');
    const drift = driftReport(samples);
    if (values.json) {
      printJson(ctx, drift);
      return 0;
    }
    const lines: string[] = [];
    for (const r of drift.types) {
      lines.push(
        `${r.type} (${r.events} events): ${r.findings.length === 0 ? 'no drift' : `${r.findings.length} drifting field(s)`}`,
      );
      for (const f of r.findings)
        lines.push(`  ${f.kind.padEnd(12)} ${f.path}  — ${f.detail} (at ${f.eventId})`);
    }
    if (samples.skipped > 0) lines.push(`(${samples.skipped} event(s) without a JSON body skipped)`);
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline schema check|infer|drift`. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'validate payloads (GitHub schemas or your own), infer a schema, report drift',
  help: HELP,
  run,
};
