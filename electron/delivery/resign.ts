import type { EndpointWithSecrets, HeaderPair, StoredEvent } from '../../shared/types';
import { errorText } from '../base/logger';
import { InboxError } from '../core/errors';
import { canSign, signRequest } from '../signatures';

/** What is about to be sent, before its signature is recomputed. */
export interface UnsignedRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

/**
 * Recomputes the provider signature for the request as it will be sent (after edits), with a fresh
 * timestamp for timestamped schemes, using the endpoint's first secret. The scheme is the one the
 * event was verified with, else the endpoint's provider. The target URL is what URL-signing schemes
 * (Twilio, Square) sign, since that is the URL the receiving app sees.
 */
export function resignHeaders(
  event: StoredEvent,
  endpoint: EndpointWithSecrets | null,
  req: UnsignedRequest,
  now: number,
): HeaderPair[] {
  if (!endpoint)
    throw new InboxError(
      'invalid',
      `Cannot re-sign event ${event.id}: its endpoint was deleted, so no secret is known; replay without re-signing`,
    );
  const scheme = event.verification.scheme ?? (endpoint.provider === 'auto' ? null : endpoint.provider);
  if (scheme === null || scheme === 'auto' || !canSign(scheme))
    throw new InboxError(
      'invalid',
      `Cannot re-sign event ${event.id}: no signature scheme is known for it. Set a provider on endpoint "${endpoint.label}" (e.g. stripe, github, standard-webhooks), or replay without re-signing`,
    );
  const secret = endpoint.secrets[0];
  if (!secret)
    throw new InboxError(
      'invalid',
      `Cannot re-sign event ${event.id}: endpoint "${endpoint.label}" has no secret. Add the ${scheme} signing secret to it, or replay without re-signing`,
    );
  try {
    return signRequest(req, scheme, secret, endpoint.verify, now);
  } catch (error) {
    throw new InboxError('invalid', `Cannot re-sign event ${event.id} for ${scheme}: ${errorText(error)}`);
  }
}
