import { relayStatusText } from '../../../shared/relay-text';
import { leaderServices } from '../../app/leader-services';
import { VERSION } from '../../base/version';
import { publicBaseUrl } from '../../core/runtime';
import { relayView } from '../../core/status';
import { DEFAULT_RECEIVER_PORT, DEFAULT_UI_PORT } from '../../core/urls';
import { Leadership } from '../../leadership/leadership';
import { type UiServer, startUiServer } from '../../ui-server/server';
import { type CliContext, type Command, HELP_FLAG, UsageError, intFlag, parseFlags } from '../command';
import { openInbox } from '../open-inbox';
import {
  LIMITS_HELP,
  RECEIVER_FLAG_OPTIONS,
  RELAY_HELP,
  type ReceiverFlags,
  receiverFlags,
} from '../receiver-flags';

const HELP = `Usage: hookline serve [--port N] [--ui-port N] [--tunnel localtunnel|ngrok|none] [--tunnel-host URL]
                      [--subdomain S] [--ngrok-domain D] [--public-url URL] [--open] [--max-body BYTES]
                      [--keep N] [--relay URL --relay-token T] [--json]

Runs the Hookline core: the receiver (default port ${DEFAULT_RECEIVER_PORT}) stores every request to
/h/<endpoint-id>, and the UI server (default port ${DEFAULT_UI_PORT}) serves the inbox UI on 127.0.0.1.
If another Hookline on the same data directory already holds the receiver port, this one follows
(UI and store only) and takes over the port when that one exits.
  --tunnel localtunnel (default) gives a public URL; none keeps URLs local; --public-url uses your own
${LIMITS_HELP}
${RELAY_HELP}
  --json   print one JSON line with the URLs when ready, and another whenever the public URL or
           tunnel state changes (for scripts)`;

/** Parsed `serve` flags. */
export interface ServeFlags extends ReceiverFlags {
  uiPort: number;
  open: boolean;
  json: boolean;
}

function parseServeFlags(args: string[]): ServeFlags {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      ...RECEIVER_FLAG_OPTIONS,
      'ui-port': { type: 'string' },
      open: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments, got "${positionals.join(' ')}"`);
  return {
    ...receiverFlags(values),
    uiPort: intFlag(values['ui-port'], 'ui-port', DEFAULT_UI_PORT),
    open: values.open ?? false,
    json: values.json ?? false,
  };
}

async function serve(args: string[], ctx: CliContext): Promise<number> {
  const flags = parseServeFlags(args);
  const inbox = openInbox(ctx, true, flags.json);
  let core: Leadership | null = null;
  let ui: UiServer | null = null;
  let stopWatching: () => void = () => undefined;
  try {
    // Saved first, so whichever process leads (this one or another) mirrors it.
    if (flags.relay) inbox.mirror.saveConnection(flags.relay.url, flags.relay.token);
    core = await Leadership.start(inbox, {
      port: flags.port,
      strictPort: flags.portExplicit,
      maxBodyBytes: flags.maxBody,
      services: leaderServices(flags),
    });
    ui = await startUiServer(inbox, { port: flags.uiPort, open: flags.open });
    const uiUrl = ui.url;
    const announce = () => {
      const runtime = inbox.runtime();
      const facts = {
        app: 'hookline',
        version: VERSION,
        role: core?.role,
        pid: process.pid,
        home: inbox.home,
        // A follower reports the port that receives for this inbox, not the one it was given.
        receiverPort: core?.role === 'leader' ? core.port : (runtime.receiverPort ?? core?.port),
        localBaseUrl: runtime.localBaseUrl,
        publicUrl: publicBaseUrl(runtime),
        tunnel: runtime.tunnel,
        relay: runtime.relay,
        uiUrl,
      };
      if (flags.json) {
        ctx.data(`${JSON.stringify(facts)}\n`);
        return;
      }
      const role =
        core?.role === 'leader'
          ? 'receiving'
          : `following the Hookline on port ${runtime.receiverPort ?? flags.port} (pid ${runtime.leaderPid})`;
      ctx.out(
        [
          `Hookline ${VERSION} — ${role}`,
          `  Receiver:  ${runtime.localBaseUrl ?? `http://127.0.0.1:${flags.port}`}/h/<endpoint-id>`,
          `  Public:    ${facts.publicUrl ?? `none (tunnel: ${runtime.tunnel.kind}, ${runtime.tunnel.state})`}`,
          ...(flags.relay ? [`  Relay:     ${flags.relay.url} (followed by the receiving process)`] : []),
          `  UI:        ${uiUrl}`,
          `  Data:      ${inbox.home}`,
          '',
        ].join('\n'),
      );
    };
    announce();
    core.onRoleChange(announce);
    // The tunnel comes up (or breaks, or gets another URL) after start-up: say so when it does.
    const tunnelKey = () => {
      const t = inbox.runtime().tunnel;
      return `${t.kind} ${t.state} ${t.publicUrl}`;
    };
    const relayKey = () => {
      const r = inbox.runtime().relay;
      return r ? `${r.state} ${r.member} ${r.lastError} ${r.notice}` : 'none';
    };
    let lastRelay = relayKey();
    let lastTunnel = tunnelKey();
    stopWatching = inbox.subscribe((change) => {
      if (change.kind !== 'runtime.changed') return;
      if (relayKey() !== lastRelay) {
        lastRelay = relayKey();
        if (flags.json) announce();
        else ctx.out(`  Relay:     ${relayStatusText(relayView(inbox))}\n`);
      }
      if (tunnelKey() === lastTunnel) return;
      lastTunnel = tunnelKey();
      const t = inbox.runtime().tunnel;
      if (flags.json) announce();
      else
        ctx.out(
          `  Tunnel:    ${t.state}${t.state === 'up' ? ` at ${t.publicUrl}` : t.lastError ? ` (${t.lastError})` : ''}\n`,
        );
    });
    await ctx.stopSignal;
    return 0;
  } finally {
    stopWatching();
    await ui?.close();
    await core?.stop();
    inbox.close();
  }
}

/** `hookline serve`. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the receiver, UI server and tunnel (leader or follower)',
  help: HELP,
  run: serve,
};
