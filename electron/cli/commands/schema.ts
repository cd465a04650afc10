import { readFileSync } from 'node:fs';
import { bodyAsText } from '../../core/event-json';
import type { Inbox } from '../../core/inbox';
import { findDrift } from '../../schema/drift';
import { inferSchema } from '../../schema/infer';
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

const HELP = `Usage: hookline schema check <event-id> [--schema F] [--json]
       hookline schema infer [--endpoint E] [--type T] [--limit N]
       hookline schema drift [--endpoint E] [--type T] [--limit N] [--json]

  check   validates an event's JSON body: GitHub events against GitHub's published schemas
          (@octokit/webhooks-schemas, by event and action), any event against --schema F
          (a JSON Schema file, e.g. one made by infer). Exit code 1 when it does not validate.
  infer   prints a JSON Schema that the newest --limit events (default 100) validate against:
          every key seen, its types, and required keys — to keep and tighten
  drift   fields that appeared, vanished or changed type across a type's events, oldest first
          (grouped by event type unless --type is given)`;

function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read --schema "${path}" as JSON: ${error instanceof Error ? error.message : String(error)}`,
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
    if (sub !== 'infer' && sub !== 'drift')
      throw new UsageError('schema needs a subcommand: check, infer or drift');
    const limit = intFlag(values.limit, 'limit', 100);
    if (limit < 1 || limit > MAX_SAMPLES) throw new UsageError(`--limit must be from 1 to ${MAX_SAMPLES}`);
    const endpointIds = values.endpoint === undefined ? undefined : [inbox.getEndpoint(values.endpoint).id];
    const samples = jsonSamples(inbox, { endpointIds, type: values.type, limit });
    if (samples.byType.size === 0)
      throw new UsageError('No events with a JSON body match: receive or trigger some first');
    if (sub === 'infer') {
      if (samples.byType.size > 1)
        throw new UsageError(
          `The events have ${samples.byType.size} types (${[...samples.byType.keys()].slice(0, 5).join(', ')}…): pick one with --type`,
        );
      const [type, list] = [...samples.byType][0] ?? ['', []];
      printJson(
        ctx,
        inferSchema(
          list.map((s) => s.value),
          `${type} (inferred from ${list.length} events)`,
        ),
      );
      return 0;
    }
    const report = [...samples.byType].map(([type, list]) => ({
      type,
      events: list.length,
      findings: findDrift(list),
    }));
    if (values.json) {
      printJson(ctx, { types: report, skippedNonJson: samples.skipped });
      return 0;
    }
    const lines: string[] = [];
    for (const r of report) {
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
