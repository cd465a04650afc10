import { ensureHome } from '../../app/data-dir';
import { type RelayForwarding, startRelayForwarding } from '../../app/relay-forwarding';
import { openRelayStore } from '../../app/relay-store';
import { systemClock } from '../../base/clock';
import { resolveHome } from '../../base/home';
import { errorText } from '../../base/logger';
import { VERSION } from '../../base/version';
import { checkTargetUrl } from '../../core/endpoint-input';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../core/ports';
import { DEFAULT_MAX_BODY } from '../../receiver/server';
import { startRelay } from '../../relay/server';
import { type CliContext, type Command, HELP_FLAG, UsageError, intFlag, parseFlags } from '../command';
import { cliLogger } from '../open-inbox';
import { TOKENS_HELP, TOKENS_USAGE, databaseUrl, runTokens } from './relay-tokens';

/** The relay's default port (a desktop's receiver uses 4780). */
export const DEFAULT_RELAY_PORT = 8080;

const HELP = `Usage:
  hookline relay [--port N] [--host H] [--public-url URL] [--database URL] [--max-body BYTES]
                 [--keep N] [--keep-untrusted N] [--feed-keep N] [--json]
${TOKENS_USAGE}

Runs Hookline's receiver headless on an always-on host: providers send to /h/<endpoint-id>, and
desktops and agents mirror its inbox (hookline serve --relay URL --relay-token T) through the
member API at /api/relay/v1. Without --database it stores in SQLite in the data directory
($HOOKLINE_HOME; give the relay its own); --database postgres://… lets several relays share one.
  --port N          listen here (default ${DEFAULT_RELAY_PORT})
  --host H          interface to listen on (default 127.0.0.1, behind a TLS reverse proxy;
                    0.0.0.0 to listen on every interface, e.g. in a container)
  --public-url URL  the HTTPS URL the proxy serves the relay at: endpoint URLs are built from it
  --max-body BYTES  largest accepted body (default 10 MiB; bigger gets 413)
  --keep N          trusted events kept per endpoint (default ${DEFAULT_RETENTION.maxEventsPerEndpoint}); pending ones are never deleted
  --keep-untrusted N
                    untrusted events kept per endpoint (default ${DEFAULT_RETENTION.maxUntrustedPerEndpoint})
  --feed-keep N     embedded store: feed items kept for desktops catching up (default 50,000); a
                    desktop that was away longer resyncs from what the relay still holds, and is told
  --database URL    postgres://user:password@host:5432/db (or set HOOKLINE_DATABASE_URL, which keeps
                    the password out of the process list)
  --json            print one JSON line with the URLs when ready
Endpoints whose forward URL the relay holds (a public target set on a desktop, or --forward-from
relay) are forwarded by the relay, with retries (HOOKLINE_FORWARD_BACKOFF_MS, _TIMEOUT_MS); with
PostgreSQL the relays share that work through the database, at least once.
SIGTERM or Ctrl-C stops it cleanly: captures in flight are committed and answered first.

${TOKENS_HELP}`;

// Retention runs at start and then every minute (as the desktop leader's does).
const RETENTION_EVERY_MS = 60_000;
// Captures in flight get this long to commit and answer when the relay is asked to stop.
const DRAIN_MS = 5_000;

async function relay(args: string[], ctx: CliContext): Promise<number> {
  if (args[0] === 'tokens') return runTokens(args.slice(1), ctx);
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      database: { type: 'string' },
      'max-body': { type: 'string' },
      keep: { type: 'string' },
      'keep-untrusted': { type: 'string' },
      'feed-keep': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(
      `relay takes no arguments (did you mean "relay tokens …"?), got "${positionals.join(' ')}"`,
    );
  const json = values.json ?? false;
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined) checkUrlFlag(publicUrl);
  const policy: RetentionPolicy = {
    ...DEFAULT_RETENTION,
    maxEventsPerEndpoint: Math.max(1, intFlag(values.keep, 'keep', DEFAULT_RETENTION.maxEventsPerEndpoint)),
    maxUntrustedPerEndpoint: intFlag(
      values['keep-untrusted'],
      'keep-untrusted',
      DEFAULT_RETENTION.maxUntrustedPerEndpoint,
    ),
  };
  const log = cliLogger(ctx, json);
  const home = ensureHome(resolveHome(ctx.env));
  const store = await openRelayStore({
    database: databaseUrl(values.database, ctx),
    home,
    log,
    serving: true,
    changeLogKeep:
      values['feed-keep'] === undefined
        ? undefined
        : Math.max(1, intFlag(values['feed-keep'], 'feed-keep', 1)),
  });
  let retention: NodeJS.Timeout | null = null;
  let forwarding: RelayForwarding | null = null;
  try {
    const running = await startRelay({
      store,
      port: intFlag(values.port, 'port', DEFAULT_RELAY_PORT),
      host: values.host,
      publicUrl,
      maxBodyBytes: intFlag(values['max-body'], 'max-body', DEFAULT_MAX_BODY),
      env: ctx.env,
      log,
    });
    const trim = () => {
      store.enforceRetention(policy, Date.now()).catch((error: unknown) => {
        log.warn(`relay retention could not run: ${errorText(error)}`);
      });
    };
    trim();
    retention = setInterval(trim, RETENTION_EVERY_MS);
    forwarding = startRelayForwarding(store, { env: ctx.env, clock: systemClock, log });
    retention.unref();
    const where = store.kind === 'sqlite' ? home : 'PostgreSQL';
    if (json) {
      ctx.data(
        `${JSON.stringify({
          app: 'hookline',
          role: 'relay',
          version: VERSION,
          pid: process.pid,
          port: running.port,
          localUrl: running.localUrl,
          publicUrl: running.publicUrl,
          apiUrl: running.apiUrl,
          store: store.kind,
        })}\n`,
      );
    } else {
      ctx.out(
        [
          `Hookline relay ${VERSION} — receiving (store: ${store.kind}, ${where})`,
          `  Receiver:  ${running.localUrl}/h/<endpoint-id>`,
          `  Public:    ${running.publicUrl}/h/<endpoint-id>${publicUrl ? '' : '  (pass --public-url behind your proxy)'}`,
          `  API:       ${running.apiUrl}  (hookline relay tokens create <name>)`,
          '',
        ].join('\n'),
      );
    }
    await ctx.stopSignal;
    if (retention) clearInterval(retention);
    await running.close(DRAIN_MS);
    await forwarding.stop();
    return 0;
  } finally {
    if (retention) clearInterval(retention);
    await forwarding?.stop();
    await store.close();
  }
}

function checkUrlFlag(url: string): void {
  try {
    checkTargetUrl(url, 'public-url');
  } catch (error) {
    throw new UsageError(`--public-url: ${errorText(error)}`);
  }
}

/** `hookline relay` and `hookline relay tokens …`. */
export const relayCommand: Command = {
  name: 'relay',
  summary: 'run the always-on receiver for desktops and teams (relay tokens … for access)',
  help: HELP,
  run: relay,
};
