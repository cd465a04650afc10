import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Delivery } from '../../../shared/types';
import { errorText } from '../../base/logger';
import type { Inbox } from '../../core/inbox';
import { replayEvent } from '../../delivery/index';
import { importEvents, parseCurl, parseHar } from '../../export';
import type { ImportedRequest } from '../../export/imported-request';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline import <file.har | file.sh | -> [--endpoint E] [--curl] [--forward] [--json]

Stores the requests of a HAR file, or one curl command, as events — verified like received ones,
as of when they were first received — so fixtures can be shared. They keep their original receive
time and order and are marked "imported from <file>". A file (or stdin "-") whose text starts with
"curl" (or a printf/echo pipe into curl) is read as a curl command; --curl forces that.
  --endpoint E   the endpoint to file them under (default: the one in each URL's /h/<id>, or the
                 one they were exported from)
  --forward      also send each one, once, to its endpoint's forward URL (imports are never
                 auto-forwarded)
Entries with a line break or NUL in a header or path are refused (they would inject headers).`;

async function readInput(path: string, ctx: CliContext): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8');
    // A stream, not readFileSync(0): a pipe that is not ready yet (EAGAIN) is waited for.
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw new UsageError(`Cannot read "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function parse(text: string, forceCurl: boolean): ImportedRequest[] {
  const trimmed = text.trimStart();
  if (forceCurl || /^(curl|printf|echo)\s/.test(trimmed)) return [parseCurl(text, (p) => readFileSync(p))];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Not a HAR file (invalid JSON: ${errorText(error)}) nor a curl command`);
  }
  return parseHar(json);
}

/** Sends each imported event once to its endpoint's forward URL; events of endpoints without one are skipped. */
async function forwardAll(inbox: Inbox, ids: string[]): Promise<{ sent: Delivery[]; skipped: number }> {
  const sent: Delivery[] = [];
  let skipped = 0;
  for (const id of ids) {
    const event = inbox.getEvent(id);
    if (!inbox.endpointById(event.endpointId)?.forwardUrl) skipped++;
    else sent.push(await replayEvent(inbox, id, { actor: 'cli' }));
  }
  return { sent, skipped };
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      endpoint: { type: 'string', short: 'e' },
      curl: { type: 'boolean' },
      forward: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('import needs one file (or - for stdin)');
  const requests = parse(await readInput(file, ctx), values.curl ?? false);
  const inbox = openInbox(ctx);
  try {
    const source = file === '-' ? 'stdin' : basename(file);
    const ids = await importEvents(inbox, requests, { endpoint: values.endpoint, source });
    const forwarded = values.forward ? await forwardAll(inbox, ids) : null;
    const ok = forwarded?.sent.filter((d) => d.response && d.response.status < 400).length ?? 0;
    if (values.json) {
      printJson(ctx, {
        imported: ids.length,
        eventIds: ids,
        ...(forwarded
          ? { forwarded: { sent: forwarded.sent.length, succeeded: ok, skipped: forwarded.skipped } }
          : {}),
      });
    } else {
      const first = ids.length > 0 ? ` (${ids[0]}${ids.length > 1 ? ' …' : ''})` : '';
      const tail = values.forward ? '' : '; not forwarded (pass --forward to send them to the forward URL)';
      ctx.out(`Imported ${ids.length} event${ids.length === 1 ? '' : 's'} from ${source}${first}${tail}\n`);
      if (forwarded)
        ctx.out(
          `Forwarded ${forwarded.sent.length} (${ok} answered 2xx/3xx)${forwarded.skipped ? `; ${forwarded.skipped} skipped: their endpoint has no forward URL` : ''}\n`,
        );
    }
    return forwarded && ok < forwarded.sent.length ? 1 : 0;
  } finally {
    inbox.close();
  }
}

/** `hookline import`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a HAR file or a curl command as events (never auto-forwarded)',
  help: HELP,
  run,
};
