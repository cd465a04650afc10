import type { EndpointWithSecrets, ProviderName, Verification } from '../../shared/types';
import { errorText } from '../base/logger';
import { forgetRequestMemos } from '../signatures';
import type { SignableRequest, Verifier } from './verifier';

/** What the inbox concludes about a request before storing it. */
export interface Assessment {
  verification: Verification;
  /** The scheme that matched, else the endpoint's provider (null for `auto` with nothing detected). */
  provider: ProviderName | null;
  /** Provider delivery id and event type, when the payload carries them (drives duplicate marking). */
  info: { id: string | null; type: string | null; source?: string | null };
  /** The answer a provider's URL-verification handshake expects, when this is one. */
  handshake: ReturnType<Verifier['handshake']>;
}

function verdictError(now: number, error: unknown): Verification {
  return {
    status: 'error',
    scheme: null,
    reason: `Verification failed unexpectedly: ${errorText(error)}`,
    signatureMatched: null,
    fresh: null,
    signedAt: null,
    checkedAt: now,
  };
}

/**
 * Verifies a request against its endpoint and reads its provider event id and type — the same way
 * for requests the receiver captures and requests imported from HAR or curl.
 */
export function assessRequest(
  verifier: Verifier,
  endpoint: EndpointWithSecrets,
  request: SignableRequest,
  now: number,
): Assessment {
  try {
    const verification = verifier.verify(request, endpoint.provider, endpoint.secrets, endpoint.verify, now);
    const provider = verification.scheme ?? (endpoint.provider === 'auto' ? null : endpoint.provider);
    const info = verifier.eventInfo(provider, request.headers, request.body);
    const handshake = verifier.handshake(request, endpoint.provider, endpoint.secrets);
    // Unsigned but attributable (its own delivery headers): shown and de-duplicated as that provider.
    return { verification, provider: provider ?? info.attributedTo ?? null, info, handshake };
  } catch (error) {
    // Verification must never cost a webhook: store it with an `error` verdict instead.
    const verification = verdictError(now, error);
    return {
      verification,
      provider: endpoint.provider === 'auto' ? null : endpoint.provider,
      info: { id: null, type: null },
      handshake: null,
    };
  } finally {
    forgetRequestMemos();
  }
}
