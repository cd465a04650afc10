/**
 * The handshake registry: requests a sender makes to check that an URL is willing to receive, and
 * that must be answered synchronously and exactly — Slack's `url_verification` (echo the
 * challenge), Zoom's `endpoint.url_validation` (plainToken with its HMAC), CloudEvents webhook
 * validation and Azure Event Grid subscription validation. The request is stored like any other,
 * marked with the handshake's kind.
 */
import type { HandshakeKind, HeaderPair, ProviderName } from '../../shared/types';
import { hmac, isRecord, jsonObject, stringField, toHex, utf8 } from './bytes';
import { type HandshakeAnswer, cloudEventsValidation, eventGridValidation } from './handshake-subscriptions';
import { detectFrom, resolveProvider } from './registry';
import type { SchemeName, SignableRequest } from './types';
import { normalizeRequest, verifyRequest } from './verify';

/** The response to send back, and which handshake it answers. */
export interface HandshakeResponse {
  kind: HandshakeKind;
  status: number;
  headers: HeaderPair[];
  body: string;
}

/** One handshake: scheme null means it answers whatever the endpoint's provider. */
interface Handshake {
  kind: HandshakeKind;
  scheme: SchemeName | null;
  answer: (req: SignableRequest, secrets: string[]) => HandshakeAnswer | null;
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
function slackChallenge(req: SignableRequest, secrets: string[]): HandshakeAnswer | null {
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
function zoomValidation(req: SignableRequest, secrets: string[]): HandshakeAnswer | null {
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

const HANDSHAKES: readonly Handshake[] = [
  { kind: 'slack.url_verification', scheme: 'slack', answer: slackChallenge },
  { kind: 'zoom.endpoint.url_validation', scheme: 'zoom', answer: zoomValidation },
  { kind: 'cloudevents.validation', scheme: null, answer: (req) => cloudEventsValidation(req) },
  { kind: 'eventgrid.subscription_validation', scheme: null, answer: (req) => eventGridValidation(req) },
];

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
    for (const handshake of HANDSHAKES) {
      if (handshake.scheme !== null && handshake.scheme !== scheme) continue;
      const answer = handshake.answer(request, usable);
      if (answer) return { kind: handshake.kind, ...answer };
    }
    return null;
  } catch {
    return null;
  }
}
