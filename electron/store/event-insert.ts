import type Database from 'better-sqlite3';
import type { NewEvent } from '../core/ports';
import { REDELIVERY_WINDOW_MS } from '../core/redelivery';
import type { ChangeLog } from './change-log';

/**
 * One event's column values in {@link INSERT_COLUMNS} order, JSON columns already encoded, then its
 * forward flag. A flat array of plain values: what crosses to the ingest worker cheaply (structured
 * cloning an object per event cost as much as the insert it moved off the thread).
 */
export type EventRow = [
  id: string,
  endpointId: string,
  receivedAt: number,
  method: string,
  path: string,
  query: string,
  headers: string,
  body: Uint8Array | null,
  bodySize: number,
  truncated: 0 | 1,
  contentType: string | null,
  remoteAddr: string | null,
  provider: string | null,
  providerEventId: string | null,
  providerEventType: string | null,
  providerEventSource: string | null,
  handshake: string | null,
  verificationStatus: string,
  verification: string,
  responseStatus: number,
  importedFrom: string | null,
  redeliveryKey: string | null,
  outsideFilter: 1 | null,
  forward: 0 | 1,
];

const INSERT_COLUMNS = `id, endpoint_id, received_at, method, path, query, headers, body, body_size, truncated,
  content_type, remote_addr, provider, provider_event_id, provider_event_type, provider_event_source, handshake,
  verification_status, verification, response_status, imported_from, redelivery_key, outside_filter`;
const COLUMN_COUNT = 23;

/** The row of a new event (its body at index 7; the worker's copy carries null there and the bytes beside). */
export function eventRow(e: NewEvent, body: Uint8Array | null = e.body): EventRow {
  return [
    e.id,
    e.endpointId,
    e.receivedAt,
    e.method,
    e.path,
    e.query,
    JSON.stringify(e.headers),
    body,
    e.body.byteLength,
    e.truncated ? 1 : 0,
    e.contentType,
    e.remoteAddr,
    e.provider,
    e.providerEventId,
    e.providerEventType,
    e.providerEventSource ?? null,
    e.handshake ?? null,
    e.verification.status,
    JSON.stringify(e.verification),
    e.responseStatus,
    e.importedFrom ?? null,
    e.redeliveryKey ?? null,
    e.outsideFilter ? 1 : null,
    // The forward's durable state is born in the commit that stores the event (issue 12.15).
    e.forward ? 1 : 0,
  ];
}

/**
 * Writes received events: the row with its duplicate link (the redelivery look-ups) and forward
 * state. Used by the store's own connection and by the ingest worker's, so both write the same rows.
 */
export class EventInserter {
  private readonly insertStmt;
  private readonly firstWithProviderIdStmt;
  private readonly firstRedeliveredStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<unknown[]>(
      `INSERT INTO events (${INSERT_COLUMNS}, duplicate_of, forward_stage)
       VALUES (${'?, '.repeat(COLUMN_COUNT)}?,
        CASE WHEN ? = 1 AND EXISTS (SELECT 1 FROM endpoints WHERE id = ? AND forward_url IS NOT NULL)
          THEN 'pending' END)`,
    );
    this.firstWithProviderIdStmt = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM events WHERE endpoint_id = ? AND provider_event_id = ? ORDER BY seq LIMIT 1',
    );
    this.firstRedeliveredStmt = db.prepare<[string, string, number], { id: string }>(
      `SELECT id FROM events WHERE endpoint_id = ? AND redelivery_key = ? AND received_at >= ?
       ORDER BY seq LIMIT 1`,
    );
  }

  /**
   * Inserts one event row (the search indexer reads it later, off the receiver's path); returns its
   * seq. Call inside a transaction with the change-log append.
   */
  insert(e: NewEvent): number {
    return this.insertRow(eventRow(e));
  }

  /** Inserts one row made by {@link eventRow} (its body in place); returns its seq. */
  insertRow(row: EventRow): number {
    const [, endpointId, receivedAt] = row;
    const providerEventId = row[13];
    const redeliveryKey = row[21];
    const duplicateOf = this.firstDelivery(endpointId, receivedAt, providerEventId, redeliveryKey);
    const info = this.insertStmt.run(row.slice(0, COLUMN_COUNT), duplicateOf, row[23], endpointId);
    return Number(info.lastInsertRowid);
  }

  /**
   * The event this one redelivers: the first with the same provider delivery id or, for requests
   * without one, the first with the same body and signature within the redelivery window.
   */
  private firstDelivery(
    endpointId: string,
    receivedAt: number,
    providerEventId: string | null,
    redeliveryKey: string | null,
  ): string | null {
    if (providerEventId) return this.firstWithProviderIdStmt.get(endpointId, providerEventId)?.id ?? null;
    if (!redeliveryKey) return null;
    const since = receivedAt - REDELIVERY_WINDOW_MS;
    return this.firstRedeliveredStmt.get(endpointId, redeliveryKey, since)?.id ?? null;
  }
}

/**
 * The body of the receiver's group commit: each event's row and its `event.created` change, in the
 * caller's transaction, in order. Returns the seqs.
 */
export function insertBatch(inserter: EventInserter, log: ChangeLog, rows: EventRow[], at: number): number[] {
  return rows.map((row) => {
    const seq = inserter.insertRow(row);
    log.append('event.created', row[0], row[1], at);
    return seq;
  });
}
