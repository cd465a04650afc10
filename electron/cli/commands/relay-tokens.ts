import { ensureHome } from '../../app/data-dir';
import { openRelayStore } from '../../app/relay-store';
import { resolveHome } from '../../base/home';
import { InboxError } from '../../core/errors';
import type { RelayStore } from '../../core/relay-ports';
import { isMemberName, newRelayToken } from '../../relay/tokens';
import { type CliContext, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { table } from '../format';
import { cliLogger } from '../open-inbox';

/** Usage lines of `hookline relay tokens …`. */
export const TOKENS_USAGE = `  hookline relay tokens create <name> [--read-only] [--database URL] [--json]
  hookline relay tokens list [--database URL] [--json]
  hookline relay tokens revoke <id|name> [--database URL] [--json]`;

/** What tokens are, for `hookline relay --help`. */
export const TOKENS_HELP = `Every call to the relay's API needs a member token. "tokens create" prints the token once (it is
stored only as a SHA-256 hash); acks made with it are recorded under <name>. --read-only tokens may
read the feed, events and endpoints but change nothing. "tokens revoke" stops a token at once.`;

/** `--database`, else HOOKLINE_DATABASE_URL (keeps the password out of the process list). */
export function databaseUrl(flag: string | undefined, ctx: CliContext): string | undefined {
  return flag ?? (ctx.env.HOOKLINE_DATABASE_URL || undefined);
}

async function withStore<T>(
  ctx: CliContext,
  database: string | undefined,
  json: boolean,
  work: (store: RelayStore) => Promise<T>,
): Promise<T> {
  const store = await openRelayStore({
    database: databaseUrl(database, ctx),
    home: ensureHome(resolveHome(ctx.env)),
    log: cliLogger(ctx, json),
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const STORE_FLAGS = { ...HELP_FLAG, database: { type: 'string' }, json: { type: 'boolean' } } as const;

async function create(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { ...STORE_FLAGS, 'read-only': { type: 'boolean' } },
  });
  const [name, ...rest] = positionals;
  if (!name || rest.length > 0)
    throw new UsageError(
      'relay tokens create needs one member name, e.g. `hookline relay tokens create alice`',
    );
  if (!isMemberName(name))
    throw new UsageError(
      `Invalid member name "${name}": use 1–64 letters, digits or . _ @ -, starting with a letter or digit`,
    );
  const readOnly = values['read-only'] ?? false;
  const json = values.json ?? false;
  return withStore(ctx, values.database, json, async (store) => {
    if ((await store.listTokens()).some((t) => t.name === name && t.revokedAt === null))
      throw new InboxError(
        'conflict',
        `A live token named "${name}" exists; revoke it first or pick another name`,
      );
    const { token, row } = newRelayToken(name, readOnly, Date.now());
    await store.createToken(row);
    if (json) {
      printJson(ctx, { token, id: row.id, name, readOnly });
      return 0;
    }
    ctx.out(
      [
        `Created ${readOnly ? 'read-only ' : ''}token "${name}" (${row.id}). It is shown only now:`,
        '',
        `  ${token}`,
        '',
        'Connect with: hookline serve --relay <relay URL> --relay-token <token>',
        '',
      ].join('\n'),
    );
    return 0;
  });
}

async function list(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({ args, allowPositionals: true, options: STORE_FLAGS });
  if (positionals.length > 0)
    throw new UsageError(`relay tokens list takes no arguments, got "${positionals.join(' ')}"`);
  const json = values.json ?? false;
  return withStore(ctx, values.database, json, async (store) => {
    const tokens = await store.listTokens();
    if (json) {
      printJson(ctx, { tokens });
      return 0;
    }
    if (tokens.length === 0) {
      ctx.out('No tokens yet. Create one: hookline relay tokens create <name>\n');
      return 0;
    }
    const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
    ctx.out(
      `${table([
        ['ID', 'NAME', 'ACCESS', 'CREATED', 'LAST USED', 'REVOKED'],
        ...tokens.map((t) => [
          t.id,
          t.name,
          t.readOnly ? 'read-only' : 'read-write',
          when(t.createdAt),
          when(t.lastUsedAt),
          when(t.revokedAt),
        ]),
      ])}\n`,
    );
    return 0;
  });
}

async function revoke(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({ args, allowPositionals: true, options: STORE_FLAGS });
  const [idOrName, ...rest] = positionals;
  if (!idOrName || rest.length > 0)
    throw new UsageError('relay tokens revoke needs a token id or member name');
  const json = values.json ?? false;
  return withStore(ctx, values.database, json, async (store) => {
    const revoked = await store.revokeToken(idOrName, Date.now());
    if (!revoked) throw new InboxError('not_found', `No live token with id or name "${idOrName}"`);
    if (json) printJson(ctx, { revoked: idOrName });
    else ctx.out(`Revoked token "${idOrName}": calls with it now get 401.\n`);
    return 0;
  });
}

/** Runs `hookline relay tokens <create|list|revoke> …`. */
export function runTokens(args: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(rest, ctx);
    case 'list':
      return list(rest, ctx);
    case 'revoke':
      return revoke(rest, ctx);
    default:
      throw new UsageError(`relay tokens needs create, list or revoke${sub ? `, got "${sub}"` : ''}`);
  }
}
