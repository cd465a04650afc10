import { STATUS_CODES } from 'node:http';
import { listTriggerTypes } from '../../trigger/catalogue';
import { MAX_TRIGGER_COUNT, type TriggerResult, runTrigger } from '../../trigger/run';
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
import { readBodyFile } from './replay';

const HELP = `Usage: hookline trigger <provider> <event-type> [--endpoint E | --to URL] [--secret S]
                        [--set path=value]... [--body-file F] [--count N] [--json]
       hookline trigger --list [provider] [--json]

Sends a realistic, freshly made example event (new ids and timestamps each time), signed exactly
as the provider signs it, with the provider's headers (delivery id, event type, user agent).
  --endpoint E      send through Hookline's receiver to endpoint E (id or label), signed with its
                    secret: it lands in the inbox and is forwarded like a real delivery
  --to URL          send straight to your app instead (with --endpoint: signed with its secret)
  --secret S        sign with this secret (needed with --to alone; with --endpoint, a wrong one
                    shows how your setup treats a forged event)
  --set path=value  edit the body before signing, e.g. data.object.amount=500 (repeatable;
                    values are JSON when they parse, else text; form bodies: the field name)
  --body-file F     send this file as the body instead of the example (signed as it is)
  --count N         send N fresh events, one after another (at most ${MAX_TRIGGER_COUNT})
  --list [provider] what can be sent: providers and their event types
Providers: github (every event and action of @octokit/webhooks-examples), stripe,
standard-webhooks (svix and clerk send svix-* headers), shopify, slack, twilio, paddle, linear,
square, zoom, intercom. A GitHub event without an action (pull_request) takes its first action.`;

function printList(ctx: CliContext, provider: string | undefined, json: boolean): number {
  const types = listTriggerTypes(provider);
  if (json) {
    printJson(ctx, types);
    return 0;
  }
  const rows = [['PROVIDER', 'EVENT TYPE', 'DESCRIPTION']];
  for (const t of types) rows.push([t.provider, t.type, t.description]);
  ctx.out(`${table(rows)}\n${types.length} event types\n`);
  return 0;
}

function resultLine(r: TriggerResult): string {
  const answer =
    r.status === null ? `failed: ${r.error}` : `${r.status} ${STATUS_CODES[r.status] ?? ''}`.trim();
  const stored = r.stored ? ` → stored ${r.stored.eventId} (${r.stored.verification})` : '';
  return `${r.provider} ${r.type} ${r.deliveryId ?? ''} → ${r.url}: ${answer} in ${r.durationMs} ms${stored}`;
}

async function trigger(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      list: { type: 'boolean' },
      endpoint: { type: 'string', short: 'e' },
      to: { type: 'string' },
      secret: { type: 'string' },
      set: { type: 'string', multiple: true },
      'body-file': { type: 'string' },
      count: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
    },
  });
  if (values.list) {
    if (positionals.length > 1) throw new UsageError('trigger --list takes at most one provider');
    return printList(ctx, positionals[0], values.json ?? false);
  }
  const [provider, type, ...extra] = positionals;
  if (!provider || !type || extra.length > 0)
    throw new UsageError(
      'trigger needs a provider and an event type, e.g. `hookline trigger stripe invoice.paid --endpoint E`',
    );
  const count = intFlag(values.count, 'count', 1);
  const body = values['body-file'] === undefined ? undefined : readBodyFile(values['body-file']);
  const inbox = openInbox(ctx);
  try {
    const results = await runTrigger(inbox, {
      provider,
      type,
      endpoint: values.endpoint,
      to: values.to,
      secret: values.secret,
      sets: values.set,
      body,
      count,
    });
    if (values.json) printJson(ctx, results);
    else ctx.out(`${results.map(resultLine).join('\n')}\n`);
    // Sent is success whatever the target answered (that is the output); unsent is a failure.
    return results.every((r) => r.status !== null) ? 0 : 1;
  } finally {
    inbox.close();
  }
}

/** `hookline trigger <provider> <event-type>`. */
export const triggerCommand: Command = {
  name: 'trigger',
  summary: 'send a synthetic, correctly signed provider event (--list shows them)',
  help: HELP,
  run: trigger,
};
