import type { Endpoint } from '../../../shared/types';
import { isExpired } from '../../core/expiry';
import type { Inbox } from '../../core/inbox';
import { endpointsWithCounts } from '../../core/status';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import {
  ENDPOINT_FLAGS_HELP,
  ENDPOINT_FLAG_OPTIONS,
  endpointInputFromFlags,
  forwardChoiceFromFlags,
} from '../endpoint-flags';
import { table } from '../format';
import { openInbox } from '../open-inbox';

const HELP = `Usage:
  hookline endpoints create <label> [settings] [--generate-secret] [--json]
  hookline endpoints update <id|label> [settings] [--label NEW] [--pause|--resume] [--json]
  hookline endpoints list [--json]
  hookline endpoints delete <id|label> [--purge] [--json]

Endpoints are the URLs senders post to. "create" prints the URL (public when a tunnel is up)
and the secret — the only time a secret is shown. Settings:
${ENDPOINT_FLAGS_HELP}
  --generate-secret make a random whsec_ secret (for senders that let you choose one)`;

function endpointJson(inbox: Inbox, e: Endpoint): Record<string, unknown> {
  const urls = inbox.urls(e.id);
  return {
    ...e,
    forwardFrom: inbox.mirror.forwardChoice(e.id),
    forwardedBy: inbox.mirror.forwardFrom(e),
    url: urls.url,
    urlKind: urls.kind,
    localUrl: urls.local,
    publicUrl: urls.public,
    receiving: urls.receiving,
    expired: isExpired(e, inbox.clock.now()),
  };
}

/** Who sends an endpoint's forwards, as people read it. */
function forwardedBy(inbox: Inbox, e: Endpoint): string {
  const by = inbox.mirror.forwardFrom(e);
  if (by === null) return '-';
  return by === 'relay' ? 'the relay' : 'this desktop';
}

/** An endpoint's state for the list: expired (410 Gone), paused (503), or receiving. */
function stateOf(e: Endpoint, now: number): string {
  if (isExpired(e, now)) return 'expired';
  if (e.paused) return 'paused';
  return e.expiresAt === null ? 'active' : `until ${new Date(e.expiresAt).toISOString().slice(0, 16)}Z`;
}

function create(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      ...ENDPOINT_FLAG_OPTIONS,
      'generate-secret': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const label = positionals.join(' ');
  if (!label)
    throw new UsageError('endpoints create needs a label, e.g. `hookline endpoints create stripe-dev`');
  const choice = forwardChoiceFromFlags(values);
  const inbox = openInbox(ctx);
  try {
    const endpoint = inbox.createEndpoint(
      { ...endpointInputFromFlags(values), label, generateSecret: values['generate-secret'] },
      'cli',
    );
    if (choice !== undefined) inbox.mirror.setForwardChoice(endpoint.id, choice);
    const urls = inbox.urls(endpoint.id);
    if (values.json) {
      printJson(ctx, { ...endpointJson(inbox, endpoint), secrets: endpoint.secrets });
      return 0;
    }
    const lines = [
      `Created endpoint "${endpoint.label}" (provider: ${endpoint.provider})`,
      `  URL:      ${urls.url}  (${urls.kind})`,
    ];
    if (urls.kind === 'public') lines.push(`  Local:    ${urls.local}`);
    for (const [i, s] of endpoint.secrets.entries()) {
      lines.push(`  Secret${endpoint.secrets.length > 1 ? ` ${i + 1}` : ''}:   ${s}  (shown only now)`);
    }
    if (endpoint.forwardUrl)
      lines.push(`  Forward:  ${endpoint.forwardUrl}  (forwarded by ${forwardedBy(inbox, endpoint)})`);
    if (!urls.receiving)
      lines.push('', 'Not receiving yet: start `hookline serve` (or the app) to capture requests.');
    lines.push(
      '',
      `Try it: curl -X POST ${urls.url} -H 'content-type: application/json' -d '{"hello":"world"}'`,
    );
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

function update(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      ...ENDPOINT_FLAG_OPTIONS,
      label: { type: 'string' },
      pause: { type: 'boolean' },
      resume: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1)
    throw new UsageError('endpoints update needs one endpoint id or label');
  if (values.pause && values.resume) throw new UsageError('--pause and --resume exclude each other');
  const input = endpointInputFromFlags(values);
  if (values.label !== undefined) input.label = values.label;
  if (values.pause || values.resume) input.paused = values.pause === true;
  const choice = forwardChoiceFromFlags(values);
  if (Object.keys(input).length === 0 && choice === undefined)
    throw new UsageError('endpoints update needs at least one setting to change');
  const inbox = openInbox(ctx);
  try {
    let endpoint =
      Object.keys(input).length > 0 ? inbox.updateEndpoint(target, input) : inbox.getEndpoint(target);
    if (choice !== undefined) {
      inbox.mirror.setForwardChoice(endpoint.id, choice);
      endpoint = inbox.getEndpoint(endpoint.id);
    }
    if (values.json) printJson(ctx, endpointJson(inbox, endpoint));
    else {
      const forward = endpoint.forwardUrl
        ? `\n  Forward:  ${endpoint.forwardUrl}  (forwarded by ${forwardedBy(inbox, endpoint)})`
        : '';
      ctx.out(
        `Updated endpoint "${endpoint.label}"${endpoint.paused ? ' (paused: senders get 503)' : ''}${forward}\n`,
      );
    }
    return 0;
  } finally {
    inbox.close();
  }
}

function list(args: string[], ctx: CliContext): number {
  const { values } = parseFlags({
    args,
    allowPositionals: false,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  const inbox = openInbox(ctx);
  try {
    const endpoints = inbox.listEndpoints();
    if (values.json) {
      printJson(
        ctx,
        endpoints.map((e) => endpointJson(inbox, e)),
      );
      return 0;
    }
    if (endpoints.length === 0) {
      ctx.out('No endpoints yet. Create one: hookline endpoints create my-endpoint\n');
      return 0;
    }
    const rows = [['LABEL', 'PROVIDER', 'STATE', 'EVENTS', 'PENDING', 'FORWARDED BY', 'URL']];
    const now = inbox.clock.now();
    for (const e of endpointsWithCounts(inbox)) {
      rows.push([
        e.label,
        e.provider,
        stateOf(e, now),
        String(e.total),
        String(e.pending),
        forwardedBy(inbox, e),
        e.urls.url,
      ]);
    }
    ctx.out(`${table(rows)}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

function remove(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, purge: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1)
    throw new UsageError('endpoints delete needs one endpoint id or label');
  const inbox = openInbox(ctx);
  try {
    const endpoint = inbox.getEndpoint(target);
    const deleted = inbox.deleteEndpoint(endpoint.id, values.purge ?? false);
    if (values.json) printJson(ctx, { deleted: endpoint.id, label: endpoint.label, eventsDeleted: deleted });
    else
      ctx.out(
        `Deleted endpoint "${endpoint.label}"${values.purge ? ` and ${deleted} events` : ' (its events are kept; --purge deletes them)'}\n`,
      );
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline endpoints …`. */
export const endpointsCommand: Command = {
  name: 'endpoints',
  summary: 'create, update, list and delete endpoints (webhook URLs)',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, ctx);
    if (sub === 'update' || sub === 'edit') return update(rest, ctx);
    if (sub === 'list' || sub === 'ls') return list(rest, ctx);
    if (sub === 'delete' || sub === 'rm') return remove(rest, ctx);
    throw new UsageError(
      sub
        ? `Unknown subcommand "endpoints ${sub}"`
        : 'endpoints needs a subcommand: create, update, list or delete',
    );
  },
};
