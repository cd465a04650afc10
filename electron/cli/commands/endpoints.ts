import type { Endpoint } from '../../../shared/types';
import type { Inbox } from '../../core/inbox';
import {
  type CliContext,
  type Command,
  HELP_FLAG,
  UsageError,
  intFlag,
  parseFlags,
  printJson,
} from '../command';
import { table } from '../format';
import { openInbox } from '../open-inbox';

const HELP = `Usage:
  hookline endpoints create <label> [--provider P] [--secret S]... [--generate-secret]
                                    [--forward-to URL] [--reject-invalid] [--tolerance SECONDS]
                                    [--signed-url URL] [--json]
  hookline endpoints list [--json]
  hookline endpoints delete <id|label> [--purge] [--json]

Endpoints are the URLs senders post to. "create" prints the URL (public when a tunnel is up)
and the secret — the only time the secret is shown. --provider: auto (default), generic, github,
stripe, standard-webhooks (svix, clerk), shopify, slack, twilio, paddle, linear, square, zoom, intercom.
  --reject-invalid  answer 401 to requests whose signature does not verify (they are still stored, flagged)
  --tolerance S     accepted clock skew for timestamped schemes (default 300)
  --signed-url URL  the URL the sender signs (Twilio, Square), when not the public URL`;

function endpointJson(inbox: Inbox, e: Endpoint): Record<string, unknown> {
  const urls = inbox.urls(e.id);
  return {
    ...e,
    url: urls.url,
    urlKind: urls.kind,
    localUrl: urls.local,
    publicUrl: urls.public,
    receiving: urls.receiving,
  };
}

function create(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      provider: { type: 'string' },
      secret: { type: 'string', multiple: true },
      'generate-secret': { type: 'boolean' },
      'forward-to': { type: 'string' },
      'reject-invalid': { type: 'boolean' },
      tolerance: { type: 'string' },
      'signed-url': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const label = positionals.join(' ');
  if (!label)
    throw new UsageError('endpoints create needs a label, e.g. `hookline endpoints create stripe-dev`');
  const inbox = openInbox(ctx);
  try {
    const endpoint = inbox.createEndpoint(
      {
        label,
        provider: values.provider,
        secrets: values.secret,
        generateSecret: values['generate-secret'],
        forwardUrl: values['forward-to'],
        rejectInvalid: values['reject-invalid'],
        verify: {
          ...(values.tolerance === undefined
            ? {}
            : { toleranceSeconds: intFlag(values.tolerance, 'tolerance', 300) }),
          ...(values['signed-url'] === undefined ? {} : { publicUrl: values['signed-url'] }),
        },
      },
      'cli',
    );
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
    if (endpoint.forwardUrl) lines.push(`  Forward:  ${endpoint.forwardUrl}`);
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
    const counts = inbox.store.events.counts();
    const rows = [['LABEL', 'PROVIDER', 'EVENTS', 'PENDING', 'URL']];
    for (const e of endpoints) {
      const c = counts.get(e.id);
      rows.push([e.label, e.provider, String(c?.total ?? 0), String(c?.pending ?? 0), inbox.urls(e.id).url]);
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
  summary: 'create, list and delete endpoints (webhook URLs)',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, ctx);
    if (sub === 'list' || sub === 'ls') return list(rest, ctx);
    if (sub === 'delete' || sub === 'rm') return remove(rest, ctx);
    throw new UsageError(
      sub ? `Unknown subcommand "endpoints ${sub}"` : 'endpoints needs a subcommand: create, list or delete',
    );
  },
};
