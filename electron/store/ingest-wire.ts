import type { NewEvent } from '../core/ports';
import { type EventRow, eventRow } from './event-insert';

/** One batch for the ingest worker to commit in one transaction. */
export interface IngestRequest {
  id: number;
  /** When the batch was committed, for its change-log rows (the store's clock, which tests may fake). */
  at: number;
  /** The events' rows, bodies left out (null): they travel in `bodies`. */
  rows: EventRow[];
  /** Every body of the batch back to back, in row order: one buffer moved to the worker, not one copy per event. */
  bodies: ArrayBuffer;
}

/** The worker's answer: the seqs in batch order, or why nothing of the batch was stored. */
export type IngestReply = { id: number; seqs: number[] } | { id: number; error: string; code: string | null };

/**
 * Packs a batch for the worker. Bodies are copied into one fresh buffer (a received body is often a
 * view into Node's shared 8 KiB pool, which structured cloning would copy whole, once per event).
 */
export function packBatch(id: number, at: number, batch: NewEvent[]): IngestRequest {
  let size = 0;
  for (const e of batch) size += e.body.byteLength;
  const bytes = new Uint8Array(size);
  let offset = 0;
  const rows = batch.map((e) => {
    bytes.set(e.body, offset);
    offset += e.body.byteLength;
    return eventRow(e, null);
  });
  return { id, at, rows, bodies: bytes.buffer };
}

/** The rows again, each body a view into the request's buffer (no copy); its length is the row's body size. */
export function unpackBatch(request: IngestRequest): EventRow[] {
  let offset = 0;
  for (const row of request.rows) {
    const size = row[8];
    row[7] = Buffer.from(request.bodies, offset, size);
    offset += size;
  }
  return request.rows;
}

/** A narrow check of a message from the worker. */
export function isIngestReply(value: unknown): value is IngestReply {
  if (typeof value !== 'object' || value === null || !('id' in value) || typeof value.id !== 'number')
    return false;
  if ('seqs' in value) return Array.isArray(value.seqs);
  return 'error' in value && typeof value.error === 'string';
}

/** A narrow check of a message to the worker. */
export function isIngestRequest(value: unknown): value is IngestRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'number' &&
    'rows' in value &&
    Array.isArray(value.rows) &&
    'bodies' in value &&
    value.bodies instanceof ArrayBuffer
  );
}
