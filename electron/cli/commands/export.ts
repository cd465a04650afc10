import type { StoredEvent } from '../../../shared/types';
import { bodyAsText, eventToJson } from '../../core/event-json';
import type { Inbox } from '../../core/inbox';
import { targetUrl } from '../../delivery/outgoing';
import { eventToCurl, eventToRawHttp, eventsToHar } from '../../export';
import { type CliContext, type Command, HELP_FLAG, UsageError, intFlag, parseFlags } from '../command';
import { openInbox } from '../open-inbox';
import { writePrivateFile } from '../private-file';

const HELP = `Usage: hookline export <event-id>... --format curl|raw|json|har [--to URL] [--out FILE] [--body-file F]
       hookline export --endpoint E --format har|json [--limit N] [--out FILE]

  --format curl   a curl command that reproduces the request byte for byte (POSIX shell); binary
                  bodies are piped in as base64, or read from --body-file F (written by this command)
  --format raw    the request as raw HTTP/1.1 bytes (use --out for binary bodies)
  --format json   the whole event(s): headers in order, body as base64 and text
  --format har    HAR 1.2 (for many events; re-import with "hookline import file.har")
  --to URL        the URL curl/HAR should use (default: the endpoint's local receiver URL);
                  the received sub-path and query are appended
  --endpoint E    every event of an endpoint, oldest first (up to --limit, default 10000)
  --out FILE      write to a file instead of stdout (files are created owner-only, 0600)`;

const FORMATS = ['curl', 'raw', 'json', 'har'] as const;
type Format = (typeof FORMATS)[number];

function eventsOf(inbox: Inbox, ids: string[], endpoint: string | undefined, limit: number): StoredEvent[] {
  if (endpoint === undefined) return ids.map((id) => inbox.getEvent(id));
  const endpointId = inbox.getEndpoint(endpoint).id;
  const out: StoredEvent[] = [];
  let cursor: number | undefined;
  // Newest first, paged, then reversed: the newest `limit` events, oldest first.
  while (out.length < limit) {
    const page = inbox.listEvents({
      endpointIds: [endpointId],
      order: 'desc',
      cursor,
      limit: Math.min(1000, limit - out.length),
    });
    if (page.length === 0) break;
    for (const e of page) out.push(inbox.getEvent(e.id));
    cursor = page[page.length - 1]?.seq;
  }
  return out.reverse();
}

function write(ctx: CliContext, data: string | Buffer, out: string | undefined): void {
  if (out === undefined) {
    const text = typeof data === 'string' ? data : bodyAsText(data);
    if (text === null)
      throw new UsageError('This request has binary bytes that a terminal would mangle: pass --out FILE');
    ctx.data(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  writePrivateFile(out, data);
  ctx.err(`Wrote ${out}\n`);
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      format: { type: 'string', short: 'f' },
      endpoint: { type: 'string', short: 'e' },
      to: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'body-file': { type: 'string' },
      limit: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
    },
  });
  const format = (values.json && !values.format ? 'json' : values.format) as Format | undefined;
  if (!format || !FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if ((positionals.length === 0) === (values.endpoint === undefined))
    throw new UsageError('give event ids or --endpoint E (not both)');
  if ((format === 'curl' || format === 'raw') && (positionals.length !== 1 || values.endpoint))
    throw new UsageError(`--format ${format} exports one event; use --format har for many`);
  const inbox = openInbox(ctx);
  try {
    const events = eventsOf(inbox, positionals, values.endpoint, intFlag(values.limit, 'limit', 10_000));
    const urlFor = (e: StoredEvent) =>
      targetUrl(values.to ?? inbox.urls(e.endpointId).local, e.path, e.query);
    const [first] = events;
    if (format === 'curl' && first) {
      const bodyFile = values['body-file'];
      if (bodyFile) writePrivateFile(bodyFile, first.body);
      const curl = eventToCurl(first, { url: urlFor(first), bodyFile });
      write(ctx, curl.command, values.out);
      for (const note of curl.notes) ctx.err(`# ${note}\n`);
    } else if (format === 'raw' && first) write(ctx, eventToRawHttp(first), values.out);
    else if (format === 'json') {
      const json = values.endpoint
        ? events.map(eventToJson)
        : events.length === 1
          ? eventToJson(events[0] as StoredEvent)
          : events.map(eventToJson);
      write(ctx, JSON.stringify(json, null, 2), values.out);
    } else if (format === 'har') write(ctx, JSON.stringify(eventsToHar(events, urlFor), null, 2), values.out);
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline export`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export events as curl, raw HTTP, JSON or HAR',
  help: HELP,
  run,
};
