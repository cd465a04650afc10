import { resolveHome } from '../../base/home';
import { cannotOpenMessage, openBrowser } from '../../ui-server/open-browser';
import { liveUiSession } from '../../ui-server/session-file';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';

const HELP = `Usage: hookline open [--print] [--json]

Opens the running UI of this data directory (the app's or \`hookline serve\`'s) in your browser,
with its access token. When no browser can be opened, prints the URL to open yourself.
  --print   only print the URL
Exit code 0 when a UI is running (opened or printed), 3 when none is.`;

/** Exit code when no UI serves this data directory (scripts/start.mjs then starts one). */
export const NO_UI_EXIT = 3;

async function open(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, print: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 0) throw new UsageError('open takes no arguments');
  const home = resolveHome(ctx.env);
  const url = liveUiSession(home)?.url ?? null;
  if (!url) {
    if (values.json) printJson(ctx, { url: null, opened: false });
    ctx.err(
      `No Hookline UI is running for ${home}. Start one with \`hookline serve --open\` or \`npm start\`.\n`,
    );
    return NO_UI_EXIT;
  }
  if (values.print) {
    if (values.json) printJson(ctx, { url, opened: false });
    else ctx.out(`${url}\n`);
    return 0;
  }
  const result = await openBrowser(url);
  if (values.json)
    printJson(ctx, { url, opened: result.ok, ...(result.ok ? {} : { reason: result.reason }) });
  else if (result.ok) ctx.out(`Opened the Hookline UI in your browser: ${url}\n`);
  else ctx.out(`${cannotOpenMessage(url, result.reason)}\n`);
  return 0;
}

/** `hookline open`. */
export const openCommand: Command = {
  name: 'open',
  summary: 'open the running UI in a browser (or print its URL with the token)',
  help: HELP,
  run: open,
};
