/**
 * Provider handshakes that must be answered synchronously, before any event processing:
 * Slack's `url_verification` (echo the challenge) and Zoom's `endpoint.url_validation`
 * (return plainToken with its HMAC).
 */
import type { HeaderPair, ProviderName } from '../../shared/types';
import { hmac, isRecord, jsonObject, stringField, toHex, utf8 } from './bytes';
import { detectFrom, resolveProvider } from './registry';
import type { SignableRequest } from './types';
import { normalizeRequest, verifyRequest } from './verify';

/** The response to send back. */
export interface HandshakeResponse {
  status: number;
  headers: HeaderPair[];
  body: string;
}

/** The first secret whose signature matches the request (freshness aside: no clock is passed in). */
function matchingSecret(req: SignableRequest, provider: 'slack' | 'zoom', secrets: string[]): string | null {
  for (const secret of secrets) {
    const result = verifyRequest(req, provider, [secret], { toleranceSeconds: 0 }, 0);
    if (result.signatureMatched === true) return secret;
  }
  return null;
}

/** Slack's challenge, echoed as plain text; checked against the secrets when any are configured. */
function slackChallenge(req: SignableRequest, secrets: string[]): HandshakeResponse | null {
  const json = jsonObject(req.body);
  const challenge = stringField(json, 'challenge');
  if (stringField(json, 'type') !== 'url_verification' || challenge === null) return null;
  // Echoing reveals nothing, but an endpoint with a secret should only answer Slack itself.
  if (secrets.length > 0 && matchingSecret(req, 'slack', secrets) === null) return null;
  return { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: challenge };
}

/**
 * Zoom's validation. encryptedToken is HMAC(secret, plainToken), so answering an unsigned request
 * would be a signing oracle: anyone could send plainToken "v0:<ts>:<body>" and get a valid
 * x-zm-signature for a forged event. Only a request signed with a configured secret is answered.
 */
function zoomValidation(req: SignableRequest, secrets: string[]): HandshakeResponse | null {
  const json = jsonObject(req.body);
  const payload = json?.payload;
  const plainToken = isRecord(payload) ? stringField(payload, 'plainToken') : null;
  if (stringField(json, 'event') !== 'endpoint.url_validation' || plainToken === null) return null;
  const secret = matchingSecret(req, 'zoom', secrets);
  if (secret === null) return null;
  const encryptedToken = toHex(hmac('sha256', utf8(secret), utf8(plainToken)));
  return {
    status: 200,
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ plainToken, encryptedToken }),
  };
}

/** The synchronous answer a provider handshake needs, or null when the request is not one. */
export function handshakeResponse(
  req: SignableRequest,
  provider: ProviderName,
  secrets: string[],
): HandshakeResponse | null {
  try {
    const request = normalizeRequest(req);
    const usable = (Array.isArray(secrets) ? secrets : []).filter(
      (s) => typeof s === 'string' && s.length > 0,
    );
    const name = resolveProvider(provider);
    const scheme = name === 'auto' ? (detectFrom(request.headers, request.body)?.name ?? null) : name;
    if (scheme === 'slack') return slackChallenge(request, usable);
    if (scheme === 'zoom') return zoomValidation(request, usable);
    return null;
  } catch {
    return null;
  }
}
