import type {
  EndpointWithSecrets,
  ProviderName,
  RuntimeInfo,
  StoredEvent,
  Verification,
} from '../../shared/types';
import { judgedAtReceipt, toleranceSeconds } from '../signatures/freshness';
import { checkProvider, checkSecrets, checkVerifyOptions } from './endpoint-input';
import { signedUrl } from './signed-url';
import type { Verifier } from './verifier';

/** What to verify a stored event with: the endpoint's settings unless given now. */
export interface ReverifyOptions {
  secrets?: string[];
  provider?: string;
}

/**
 * The verdict for a stored event, checked again with the endpoint's secrets or ones given now.
 * Freshness is judged as of arrival: a genuine event does not turn invalid by being stored.
 */
export function reverifyEvent(
  event: StoredEvent,
  endpoint: EndpointWithSecrets | null,
  opts: ReverifyOptions,
  deps: { verifier: Verifier; runtime: RuntimeInfo; now: number },
): Verification {
  const provider: ProviderName = opts.provider
    ? checkProvider(opts.provider)
    : (endpoint?.provider ?? 'auto');
  const secrets = opts.secrets ? checkSecrets(opts.secrets) : (endpoint?.secrets ?? []);
  const verify = checkVerifyOptions(endpoint?.verify, undefined);
  const url = signedUrl(event, verify, deps.runtime);
  const verdict = deps.verifier.verify(
    { method: event.method, url, headers: event.headers, body: event.body },
    provider,
    secrets,
    verify,
    event.receivedAt,
  );
  return judgedAtReceipt(verdict, event.receivedAt, deps.now, toleranceSeconds(verify));
}
