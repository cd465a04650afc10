import type Database from 'better-sqlite3';
import type { RelayTokenPort } from '../core/ports';
import type { NewRelayToken, RelayToken } from '../core/relay-ports';

interface TokenRow {
  id: string;
  name: string;
  read_only: number;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

function toToken(row: TokenRow): RelayToken {
  return {
    id: row.id,
    name: row.name,
    readOnly: row.read_only === 1,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

// Marking a token used is a write on every API call; once a minute is enough for "last used".
const TOUCH_EVERY_MS = 60_000;

/** A relay's member tokens (hashes only): prepared once, plain synchronous calls. */
export class RelayTokenRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly revokeStmt;
  private readonly byHashStmt;
  private readonly touchStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<[string, string, number, string, number]>(
      'INSERT INTO relay_tokens (id, name, read_only, hash, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare<[], TokenRow>(
      'SELECT id, name, read_only, created_at, revoked_at, last_used_at FROM relay_tokens ORDER BY created_at, id',
    );
    this.revokeStmt = db.prepare<[number, string, string]>(
      'UPDATE relay_tokens SET revoked_at = ? WHERE (id = ? OR name = ?) AND revoked_at IS NULL',
    );
    this.byHashStmt = db.prepare<[string], TokenRow>(
      'SELECT id, name, read_only, created_at, revoked_at, last_used_at FROM relay_tokens WHERE hash = ? AND revoked_at IS NULL',
    );
    this.touchStmt = db.prepare<[number, string]>('UPDATE relay_tokens SET last_used_at = ? WHERE id = ?');
  }

  insert(token: NewRelayToken): void {
    this.insertStmt.run(token.id, token.name, token.readOnly ? 1 : 0, token.hash, token.createdAt);
  }

  list(): RelayToken[] {
    return this.listStmt.all().map(toToken);
  }

  /** Revokes live tokens with this id or name; true when one was. */
  revoke(idOrName: string, at: number): boolean {
    return this.revokeStmt.run(at, idOrName, idOrName).changes > 0;
  }

  /** The live token with this hash, or null. */
  live(hash: string): RelayToken | null {
    const row = this.byHashStmt.get(hash);
    return row ? toToken(row) : null;
  }

  /** Whether marking `token` used at `at` is worth a write. */
  isStale(token: RelayToken, at: number): boolean {
    return token.lastUsedAt === null || at - token.lastUsedAt >= TOUCH_EVERY_MS;
  }

  touch(id: string, at: number): void {
    this.touchStmt.run(at, id);
  }
}

/**
 * The token port on these rows. Tokens are not inbox changes: no change-log row, nothing for the
 * feed to announce; a use is written at most once a minute (TOUCH_EVERY_MS).
 */
export function relayTokenPort(tokens: RelayTokenRepo): RelayTokenPort {
  return {
    create: (token) => tokens.insert(token),
    list: () => tokens.list(),
    revoke: (idOrName, at) => tokens.revoke(idOrName, at),
    use: (hash, at) => {
      const token = tokens.live(hash);
      if (token && tokens.isStale(token, at)) tokens.touch(token.id, at);
      return token && { ...token, lastUsedAt: at };
    },
  };
}
