import type { HeaderPair } from '../../shared/types';

/** A request read from a HAR file or a curl command, ready to be stored as an event. */
export interface ImportedRequest {
  method: string;
  /** Full URL the request was sent to. */
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
  /** When it was sent (ms), when the file says. */
  receivedAt: number | null;
  /** The event id it had when exported from Hookline (kept when still free). */
  eventId: string | null;
  remoteAddr: string | null;
  /** Exact sub-path and query after `/h/<endpoint>`, when the file says (else read from the URL). */
  path: string | null;
  query: string | null;
  /** The endpoint it was exported from, when the file says. */
  endpointId: string | null;
  /** What the receiver answered, when known. */
  responseStatus: number | null;
}

/** An ImportedRequest with nothing but the essentials set. */
export function importedRequest(
  fields: Pick<ImportedRequest, 'method' | 'url' | 'headers' | 'body'> & Partial<ImportedRequest>,
): ImportedRequest {
  return {
    receivedAt: null,
    eventId: null,
    remoteAddr: null,
    path: null,
    query: null,
    endpointId: null,
    responseStatus: null,
    ...fields,
  };
}
