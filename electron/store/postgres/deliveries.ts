import type pg from 'pg';
import type { RecordedDelivery } from '../../core/port-records';
import type { RelayDelivery } from '../../core/relay-ports';
import { readHeaders } from '../json-columns';

/** A relay_deliveries row as read back (headers as JSON text). */
interface DeliveryRow {
  id: number;
  event_id: string;
  recorded_by: string;
  target_url: string;
  started_at: number;
  duration_ms: number | null;
  request_method: string;
  request_headers: string;
  request_body: Buffer;
  request_truncated: boolean;
  response_status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: boolean;
  error: string | null;
  kind: string;
  attempt: number;
}

const COLUMNS = `id, event_id, kind, attempt, recorded_by, target_url, started_at, duration_ms, request_method,
  request_headers::text AS request_headers, request_body, request_truncated, response_status,
  response_headers::text AS response_headers, response_body, response_truncated, error`;

/**
 * Stores a desktop's replay (or this relay's forward attempt) under its event, in the caller's transaction; null when the event is
 * not stored (locked for share, so retention cannot delete it before the commit).
 */
export async function insertDelivery(
  client: pg.PoolClient,
  d: RecordedDelivery,
  at: number,
): Promise<number | null> {
  const found = await client.query('SELECT 1 FROM events WHERE id = $1 FOR SHARE', [d.eventId]);
  if (found.rowCount === 0) return null;
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO relay_deliveries (event_id, recorded_by, target_url, started_at, duration_ms, request_method,
       request_headers, request_body, request_truncated, response_status, response_headers, response_body,
       response_truncated, error, recorded_at, kind, attempt)
     VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9, $10, $11::json, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      d.eventId,
      d.by,
      d.targetUrl,
      d.startedAt,
      d.durationMs,
      d.request.method,
      JSON.stringify(d.request.headers),
      Buffer.from(d.request.body),
      d.request.truncated,
      d.response?.status ?? null,
      d.response ? JSON.stringify(d.response.headers) : null,
      d.response ? Buffer.from(d.response.body) : null,
      d.response?.truncated ?? false,
      d.error,
      at,
      d.kind,
      d.attempt ?? 1,
    ],
  );
  return rows[0]?.id ?? null;
}

/** The recorded deliveries with these ids (absent ones went with their events). */
export async function readDeliveries(
  client: pg.PoolClient,
  ids: number[],
): Promise<Map<number, RelayDelivery>> {
  const out = new Map<number, RelayDelivery>();
  if (ids.length === 0) return out;
  const { rows } = await client.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM relay_deliveries WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      eventId: r.event_id,
      kind: r.kind === 'forward' ? 'forward' : 'replay',
      attempt: r.attempt,
      by: r.recorded_by,
      targetUrl: r.target_url,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      request: {
        method: r.request_method,
        headers: readHeaders(r.request_headers),
        body: r.request_body,
        truncated: r.request_truncated,
      },
      response:
        r.response_status === null
          ? null
          : {
              status: r.response_status,
              headers: readHeaders(r.response_headers ?? '[]'),
              body: r.response_body ?? Buffer.alloc(0),
              truncated: r.response_truncated,
            },
      error: r.error,
    });
  }
  return out;
}
