import type Database from 'better-sqlite3';
import type { EndpointWithSecrets } from '../../shared/types';
import type { EndpointPatch, NewEndpointRow } from '../core/ports';
import { readEventTypes, readProvider, readResponse, readSecrets, readVerifyOptions } from './json-columns';

/** An endpoint row as stored (flags as 0/1, JSON columns as text). */
export interface EndpointRow {
  id: string;
  label: string;
  provider: string;
  secrets: string;
  reject_invalid: number;
  forward_url: string | null;
  response: string | null;
  verify: string;
  created_at: number;
  created_by: string;
  paused: number;
  archived: number;
  expires_at: number | null;
  event_types: string | null;
}

/** Converts a stored endpoint row (with its secrets). */
export function toEndpoint(row: EndpointRow): EndpointWithSecrets {
  const secrets = readSecrets(row.secrets);
  return {
    id: row.id,
    label: row.label,
    provider: readProvider(row.provider) ?? 'auto',
    secretCount: secrets.length,
    secrets,
    rejectInvalid: row.reject_invalid === 1,
    forwardUrl: row.forward_url,
    response: readResponse(row.response),
    verify: readVerifyOptions(row.verify),
    createdAt: row.created_at,
    createdBy: row.created_by,
    paused: row.paused === 1,
    archived: row.archived === 1,
    expiresAt: row.expires_at,
    eventTypes: readEventTypes(row.event_types),
  };
}

/** Endpoint rows: prepared once, plain synchronous calls. */
export class EndpointRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byLabelStmt;
  private readonly listStmt;
  private readonly deleteStmt;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO endpoints (id, label, provider, secrets, reject_invalid, forward_url, response, verify, created_at, created_by,
        expires_at, event_types)
       VALUES (@id, @label, @provider, @secrets, @reject_invalid, @forward_url, @response, @verify, @created_at, @created_by,
        @expires_at, @event_types)`,
    );
    this.byIdStmt = db.prepare<[string], EndpointRow>('SELECT * FROM endpoints WHERE id = ?');
    this.byLabelStmt = db.prepare<[string], EndpointRow>('SELECT * FROM endpoints WHERE label = ?');
    this.listStmt = db.prepare<[], EndpointRow>('SELECT * FROM endpoints ORDER BY created_at, label');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM endpoints WHERE id = ?');
  }

  /** Inserts a new endpoint; throws SqliteError on a duplicate label. */
  insert(e: NewEndpointRow): void {
    this.insertStmt.run({
      id: e.id,
      label: e.label,
      provider: e.provider,
      secrets: JSON.stringify(e.secrets),
      reject_invalid: e.rejectInvalid ? 1 : 0,
      forward_url: e.forwardUrl,
      response: e.response ? JSON.stringify(e.response) : null,
      verify: JSON.stringify(e.verify),
      created_at: e.createdAt,
      created_by: e.createdBy,
      expires_at: e.expiresAt ?? null,
      event_types: e.eventTypes ? JSON.stringify(e.eventTypes) : null,
    });
  }

  /** The endpoint with this id, or null. */
  get(id: string): EndpointWithSecrets | null {
    const row = this.byIdStmt.get(id);
    return row ? toEndpoint(row) : null;
  }

  /** The endpoint with this id or (case-insensitive) label, or null. */
  find(idOrLabel: string): EndpointWithSecrets | null {
    return this.get(idOrLabel) ?? this.byLabel(idOrLabel);
  }

  /** The endpoint with this label (case-insensitive), or null. */
  byLabel(label: string): EndpointWithSecrets | null {
    const row = this.byLabelStmt.get(label);
    return row ? toEndpoint(row) : null;
  }

  /** Every endpoint, oldest first. */
  list(): EndpointWithSecrets[] {
    return this.listStmt.all().map(toEndpoint);
  }

  /** Applies a patch to one endpoint. */
  update(id: string, patch: EndpointPatch): void {
    const sets: string[] = [];
    const params: Record<string, string | number | null> = { id };
    const set = (column: string, value: string | number | null) => {
      sets.push(`${column} = @${column}`);
      params[column] = value;
    };
    if (patch.label !== undefined) set('label', patch.label);
    if (patch.provider !== undefined) set('provider', patch.provider);
    if (patch.secrets !== undefined) set('secrets', JSON.stringify(patch.secrets));
    if (patch.rejectInvalid !== undefined) set('reject_invalid', patch.rejectInvalid ? 1 : 0);
    if (patch.forwardUrl !== undefined) set('forward_url', patch.forwardUrl);
    if (patch.response !== undefined) set('response', patch.response ? JSON.stringify(patch.response) : null);
    if (patch.verify !== undefined) set('verify', JSON.stringify(patch.verify));
    if (patch.paused !== undefined) set('paused', patch.paused ? 1 : 0);
    if (patch.archived !== undefined) set('archived', patch.archived ? 1 : 0);
    if (patch.expiresAt !== undefined) set('expires_at', patch.expiresAt);
    if (patch.eventTypes !== undefined)
      set('event_types', patch.eventTypes ? JSON.stringify(patch.eventTypes) : null);
    if (sets.length === 0) return;
    // Built from a fixed column list above, never from input: safe to prepare per call (rare, user-driven).
    this.db.prepare(`UPDATE endpoints SET ${sets.join(', ')} WHERE id = @id`).run(params);
  }

  /** Deletes one endpoint row (its events are handled by the caller). */
  delete(id: string): void {
    this.deleteStmt.run(id);
  }
}
