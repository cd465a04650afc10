import { searchNotes } from '../../../shared/search-notes';
import type { EventSummary } from '../../../shared/types';
import { eventToJson } from '../../core/event-json';
import { describeForward } from '../../core/forwarding';
import type { Inbox } from '../../core/inbox';
import type { AttemptPage, DeliveryState } from '../../core/ports';
import { terminalLine } from '../../core/terminal-text';
import { parseTime } from '../../core/time-input';
import {
  type CliContext,
  type Command,
  HELP_FLAG,
  UsageError,
  intFlag,
  parseFlags,
  printJson,
} from '../command';
import { EVENT_COLUMNS, eventLine, formatBytes, table } from '../format';
import { openInbox } from '../open-inbox';
import { ackEvents } from './events-ack';
import { schemaCheckLines } from './schema-format';

const HELP = `Usage:
  hookline events list [--endpoint E] [--limit N] [--pending | --failed] [--type GLOB[,GLOB…]]
                       [--since T] [--until T] [--delivery delivered|failed|none] [--schema-violations]
                       [--search Q] [--json]
      newest first. --type: provider event types, * matches anything (invoice.*, *.created);
      --since/--until: received from / before an ISO time (2026-12-01T10:00:00Z) or ms since epoch;
      --failed: events an agent acked as failed (the dead letter; \`events unack\` re-queues them);
      --schema-violations: only events whose schema check found violations (hookline schema attach).
      --search Q: substrings anywhere (any case) in method, path, query, headers and the decoded body;
      "quoted phrase", -exclude, header:/path:/body:/type: scoping. Notes on completeness go to stderr.
  hookline events show <event-id> [--json]      the whole event: headers in order, body, verdict
  hookline events tail [--endpoint E] [--json]  print events as they arrive (also from other processes)
  hookline events ack <event-id>... [--outcome done|ignored|failed] [--note N] [--json]
  hookline events unack <event-id>... [--json]  back to pending`;

const DELIVERY_STATES: readonly DeliveryState[] = ['delivered', 'failed', 'none'];

function labels(inbox: Inbox): Map<string, string> {
  return new Map(inbox.listEndpoints().map((e) => [e.id, e.label]));
}

function endpointFilter(inbox: Inbox, endpoint: string | undefined): string[] | undefined {
  return endpoint === undefined ? undefined : [inbox.getEndpoint(endpoint).id];
}

function list(args: string[], ctx: CliContext): number {
  const { values } = parseFlags({
    args,
    allowPositionals: false,
    options: {
      ...HELP_FLAG,
      endpoint: { type: 'string', short: 'e' },
      limit: { type: 'string', short: 'n' },
      pending: { type: 'boolean' },
      failed: { type: 'boolean' },
      since: { type: 'string' },
      until: { type: 'string' },
      search: { type: 'string', short: 's' },
      type: { type: 'string' },
      delivery: { type: 'string' },
      'schema-violations': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const limit = intFlag(values.limit, 'limit', 50);
  const search = values.search?.trim();
  if (values.search !== undefined && !search) throw new UsageError('--search needs something to find');
  const delivery = DELIVERY_STATES.find((d) => d === values.delivery);
  if (values.delivery !== undefined && delivery === undefined) {
    throw new UsageError(`--delivery must be delivered, failed or none, got "${values.delivery}"`);
  }
  if (values.pending && values.failed) throw new UsageError('--pending and --failed exclude each other');
  const typeGlobs = values.type
    ?.split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (values.type !== undefined && !typeGlobs?.length) throw new UsageError('--type needs an event type');
  const since = values.since === undefined ? undefined : parseTime('--since', values.since);
  const until = values.until === undefined ? undefined : parseTime('--until', values.until);
  const inbox = openInbox(ctx);
  try {
    const query = {
      typeGlobs,
      since,
      until,
      failed: values.failed ? true : undefined,
      delivery,
      endpointIds: endpointFilter(inbox, values.endpoint),
      order: 'desc' as const,
      limit,
      acked: values.pending ? false : undefined,
      schemaViolations: values['schema-violations'] ? true : undefined,
    };
    let events: EventSummary[];
    if (search) {
      const page = inbox.searchEvents({ ...query, text: search });
      events = page.events;
      for (const note of searchNotes(page.info)) ctx.err(`${note}\n`);
    } else {
      events = inbox.listEvents(query);
    }
    if (values.json) {
      printJson(ctx, events);
      return 0;
    }
    if (events.length === 0) {
      ctx.out(search ? 'No events match.\n' : 'No events yet.\n');
      return 0;
    }
    const names = labels(inbox);
    const rows = [EVENT_COLUMNS];
    for (const e of events) rows.push(eventLine(e, names.get(e.endpointId) ?? '(deleted)'));
    ctx.out(`${table(rows)}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

/** Delivery attempts `events show` lists (get_event over MCP lists as many). */
const ATTEMPTS_SHOWN = 10;

/** The attempt log of one event, newest first, saying how many are not shown. */
function attemptLines(page: AttemptPage): string[] {
  if (page.total === 0) return [];
  const shown = page.total > page.attempts.length ? `, newest ${page.attempts.length} shown` : '';
  const lines = [`Attempts:   ${page.total}${shown}`];
  for (const a of page.attempts) {
    const outcome = a.status !== null ? `HTTP ${a.status}` : (a.error ?? 'in flight');
    const took = a.durationMs === null ? '' : ` in ${a.durationMs} ms`;
    const retry = a.nextAttemptAt === null ? '' : `, retry at ${new Date(a.nextAttemptAt).toISOString()}`;
    lines.push(
      `  #${a.attempt} ${a.kind} ${new Date(a.startedAt).toISOString()} → ${terminalLine(a.targetUrl)}: ${terminalLine(outcome)}${took}${retry}`,
    );
  }
  return lines;
}

function show(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError('events show needs one event id');
  const inbox = openInbox(ctx);
  try {
    const event = inbox.getEvent(id);
    const json = eventToJson(event);
    const attempts = inbox.deliveries.attemptsForEvent(event.id, ATTEMPTS_SHOWN);
    if (values.json) {
      printJson(ctx, { ...json, deliveries: attempts });
      return 0;
    }
    const v = event.verification;
    const lines = [
      `${event.method} ${event.path || '/'}${event.query ? `?${event.query}` : ''}`,
      `Event:      ${event.id} (seq ${event.seq})`,
      `Received:   ${new Date(event.receivedAt).toISOString()} ${event.importedFrom ? `(imported from ${event.importedFrom})` : `from ${event.remoteAddr ?? 'unknown'}`}`,
      `Size:       ${formatBytes(event.bodySize)}${event.contentType ? ` (${event.contentType})` : ''}`,
      `Signature:  ${v.status}${v.scheme ? ` [${v.scheme}]` : ''} — ${v.reason}`,
      `Status:     ${event.ackedAt ? `acked by ${event.ackedBy} (${event.ackOutcome})` : 'pending'}`,
      `Answered:   ${event.responseStatus || '(imported: no answer)'}`,
    ];
    if (event.providerEventType || event.providerEventId) {
      lines.push(
        `Provider:   ${event.provider ?? ''} ${event.providerEventType ?? ''} ${event.providerEventId ?? ''}`.trimEnd(),
      );
    }
    if (event.providerEventSource) lines.push(`Source:     ${event.providerEventSource}`);
    if (event.duplicateOf) lines.push(`Duplicate:  of ${event.duplicateOf}`);
    if (event.handshake)
      lines.push(`Handshake:  ${event.handshake} (answered automatically with ${event.responseStatus})`);
    if (event.forward) lines.push(`Forward:    ${describeForward(event.forward, inbox.clock.now())}`);
    lines.push(...attemptLines(attempts));
    lines.push(...schemaCheckLines(event.schemaCheck));
    lines.push('', 'Headers:');
    for (const [name, value] of event.headers) lines.push(`  ${terminalLine(name)}: ${terminalLine(value)}`);
    lines.push('', 'Body:');
    lines.push(
      typeof json.bodyText === 'string'
        ? json.bodyText
        : `  (binary, ${event.bodySize} bytes; --json shows it as base64)`,
    );
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

async function tail(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseFlags({
    args,
    allowPositionals: false,
    options: { ...HELP_FLAG, endpoint: { type: 'string', short: 'e' }, json: { type: 'boolean' } },
  });
  const inbox = openInbox(ctx, true);
  try {
    const only = endpointFilter(inbox, values.endpoint);
    let names = labels(inbox);
    // On stderr in --json mode too: scripts (and tests) can tell when tail is listening.
    ctx.err(`Waiting for events${values.endpoint ? ` on "${values.endpoint}"` : ''}… (Ctrl-C to stop)\n`);
    const unsubscribe = inbox.subscribe((change) => {
      if (change.kind === 'endpoint.changed') names = labels(inbox);
      if (change.kind !== 'event.created' || !change.ref) return;
      if (only && change.endpointId && !only.includes(change.endpointId)) return;
      const event = inbox.eventSummary(change.ref);
      if (!event) return;
      if (values.json) ctx.data(`${JSON.stringify(event)}\n`);
      else ctx.out(`${eventLine(event, names.get(event.endpointId) ?? '(deleted)').join('  ')}\n`);
    });
    await ctx.stopSignal;
    unsubscribe();
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline events …`. */
export const eventsCommand: Command = {
  name: 'events',
  summary: 'list, show, tail and ack received events',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'list' || sub === 'ls') return list(rest, ctx);
    if (sub === 'show') return show(rest, ctx);
    if (sub === 'tail') return tail(rest, ctx);
    if (sub === 'ack') return ackEvents(rest, ctx, false);
    if (sub === 'unack') return ackEvents(rest, ctx, true);
    throw new UsageError(
      sub
        ? `Unknown subcommand "events ${sub}"`
        : 'events needs a subcommand: list, show, tail, ack or unack',
    );
  },
};
