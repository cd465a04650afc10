import { readFileSync } from 'node:fs';
import { errorText } from '../../base/logger';
import { importEvents, parseCurl, parseHar } from '../../export';
import type { ImportedRequest } from '../../export/imported-request';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline import <file.har | file.sh | -> [--endpoint E] [--curl] [--json]

Stores the requests of a HAR file, or one curl command, as events — verified like received ones —
so fixtures can be shared. A file (or stdin "-") whose text starts with "curl" (or a printf/echo
pipe into curl) is read as a curl command; --curl forces that.
  --endpoint E   the endpoint to file them under (default: the one in each URL's /h/<id>, or the
                 one they were exported from)`;

function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
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

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      endpoint: { type: 'string', short: 'e' },
      curl: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('import needs one file (or - for stdin)');
  const requests = parse(readInput(file), values.curl ?? false);
  const inbox = openInbox(ctx);
  try {
    const ids = await importEvents(inbox, requests, values.endpoint);
    if (values.json) printJson(ctx, { imported: ids.length, eventIds: ids });
    else
      ctx.out(
        `Imported ${ids.length} event${ids.length === 1 ? '' : 's'}${ids.length > 0 ? ` (${ids[0]}${ids.length > 1 ? ' …' : ''})` : ''}\n`,
      );
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline import`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a HAR file or a curl command as events',
  help: HELP,
  run,
};
