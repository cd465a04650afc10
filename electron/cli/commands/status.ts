import { publicBaseUrl } from '../../core/runtime';
import { VERSION } from '../../core/version';
import { liveUiSession } from '../../ui-server/session-file';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { formatBytes } from '../format';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline status [--json]

Shows the shared inbox as every process sees it: which process receives (and on which port),
the tunnel and public URL, the UI URL, pending events per endpoint, and the database size.`;

function status(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  if (positionals.length > 0) throw new UsageError('status takes no arguments');
  const inbox = openInbox(ctx);
  try {
    const runtime = inbox.runtime();
    const counts = inbox.store.events.counts();
    const endpoints = inbox.listEndpoints().map((e) => ({
      id: e.id,
      label: e.label,
      total: counts.get(e.id)?.total ?? 0,
      pending: counts.get(e.id)?.pending ?? 0,
      url: inbox.urls(e.id).url,
    }));
    // With its token: the session file is owner-only, so whoever can read it may use the UI.
    const uiUrl = liveUiSession(inbox.home)?.url ?? null;
    const facts = {
      version: VERSION,
      uiUrl,
      home: inbox.home,
      runtime,
      publicUrl: publicBaseUrl(runtime),
      endpoints,
      dbBytes: inbox.store.sizeOnDisk(),
    };
    if (values.json) {
      printJson(ctx, facts);
      return 0;
    }
    const t = runtime.tunnel;
    const lines = [
      `Hookline ${VERSION} — data in ${inbox.home}`,
      runtime.leaderPid === null
        ? '  Receiver:  not running (start `hookline serve` or the app)'
        : `  Receiver:  ${runtime.localBaseUrl} (pid ${runtime.leaderPid})`,
      t.kind === 'none'
        ? '  Tunnel:    off'
        : `  Tunnel:    ${t.kind} ${t.state}${facts.publicUrl ? ` — ${facts.publicUrl}` : ''}${t.lastError ? ` (${t.lastError})` : ''}`,
      `  UI:        ${uiUrl ?? 'not running (`hookline serve --open` or `npm start`)'}`,
      `  Database:  ${formatBytes(facts.dbBytes)}`,
      '',
      ...(endpoints.length === 0
        ? ['No endpoints yet. Create one: hookline endpoints create my-endpoint']
        : endpoints.map((e) => `  ${e.label}: ${e.pending} pending of ${e.total} — ${e.url}`)),
    ];
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

/** `hookline status`. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'show who receives, the tunnel, URLs and pending counts',
  help: HELP,
  async run(args, ctx) {
    return status(args, ctx);
  },
};
