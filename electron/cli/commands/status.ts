import { relayStatusText } from '../../../shared/relay-text';
import { formatDuration } from '../../base/duration';
import { type InboxStatus, inboxStatus } from '../../core/status';
import { liveUiSession } from '../../ui-server/session-file';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { formatBytes } from '../format';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline status [--json]

Shows the shared inbox as every process sees it: which process receives (and on which port),
the tunnel and public URL, the relay it mirrors, the UI URL, pending events per endpoint, and the database size.`;

function status(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...HELP_FLAG, json: { type: 'boolean' } },
  });
  if (positionals.length > 0) throw new UsageError('status takes no arguments');
  const inbox = openInbox(ctx);
  try {
    const status = inboxStatus(inbox);
    const { runtime } = status;
    const endpoints = status.endpoints.map((e) => ({
      id: e.id,
      label: e.label,
      total: e.total,
      pending: e.pending,
      failed: e.failed,
      keptOverLimit: e.keptOverLimit,
      url: e.urls.url,
    }));
    // With its token: the session file is owner-only, so whoever can read it may use the UI.
    const uiUrl = liveUiSession(inbox.home)?.url ?? null;
    const facts = {
      version: status.version,
      uiUrl,
      home: status.home,
      runtime,
      publicUrl: status.publicUrl,
      endpoints,
      retention: status.retention,
      forwarding: status.forwarding,
      relay: status.relay,
      dbBytes: status.dbBytes,
    };
    if (values.json) {
      printJson(ctx, facts);
      return 0;
    }
    const t = runtime.tunnel;
    const lines = [
      `Hookline ${status.version} — data in ${status.home}`,
      runtime.leaderPid === null
        ? '  Receiver:  not running (start `hookline serve` or the app)'
        : `  Receiver:  ${runtime.localBaseUrl} (pid ${runtime.leaderPid})`,
      t.kind === 'none'
        ? '  Tunnel:    off'
        : `  Tunnel:    ${t.kind} ${t.state}${facts.publicUrl ? ` — ${facts.publicUrl}` : ''}${t.lastError ? ` (${t.lastError})` : ''}`,
      `  Relay:     ${relayStatusText(status.relay)}`,
      `  UI:        ${uiUrl ?? 'not running (`hookline serve --open` or `npm start`)'}`,
      `  Database:  ${formatBytes(facts.dbBytes)}`,
      `  Retention: ${retentionLine(status.retention)}`,
      `  Forwards:  ${forwardingLine(status.forwarding)}`,
      '',
      ...(endpoints.length === 0
        ? ['No endpoints yet. Create one: hookline endpoints create my-endpoint']
        : endpoints.map(
            (e) =>
              `  ${e.label}: ${e.pending} pending${e.failed > 0 ? `, ${e.failed} failed` : ''} of ${e.total} — ${e.url}${
                e.keptOverLimit > 0
                  ? `\n    ${e.keptOverLimit} pending event(s) kept beyond --keep (not deleted: ack them or raise --keep)`
                  : ''
              }`,
          )),
    ];
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    inbox.close();
  }
}

function retentionLine(r: InboxStatus['retention']): string {
  if (!r) return 'not run yet (the leader trims at start and every minute)';
  const last = `last run ${new Date(r.at).toISOString()} deleted ${r.deleted} (${r.deletedUntrusted} untrusted)`;
  return `${r.keep} trusted + ${r.keepUntrusted} untrusted per endpoint; ${last}`;
}

function forwardingLine(f: InboxStatus['forwarding']): string {
  const age = f.maxAgeMs === null ? '' : `; given up after ${formatDuration(f.maxAgeMs)} unsent`;
  return `${f.open} open, ${f.gaveUp} given up${age}`;
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
