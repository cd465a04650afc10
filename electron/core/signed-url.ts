import type { EventSummary, RuntimeInfo, VerifyOptions } from '../../shared/types';
import { publicBaseUrl } from './runtime';
import { DEFAULT_RECEIVER_PORT } from './urls';

/**
 * The URL a sender signed (Twilio, Square sign the URL they called): the endpoint's configured
 * public URL, else the current public URL, else the local one — plus the sub-path and query received.
 */
export function signedUrl(
  event: Pick<EventSummary, 'endpointId' | 'path' | 'query'>,
  verify: VerifyOptions,
  runtime: RuntimeInfo,
): string {
  const suffix = `${event.path}${event.query ? `?${event.query}` : ''}`;
  if (verify.publicUrl) return `${verify.publicUrl.replace(/\/+$/, '')}${suffix}`;
  const base = publicBaseUrl(runtime) ?? runtime.localBaseUrl ?? `http://127.0.0.1:${DEFAULT_RECEIVER_PORT}`;
  return `${base}/h/${event.endpointId}${suffix}`;
}
