/**
 * verifyRequest: normalizes untrusted input, picks the scheme, lets it parse, and hands the
 * result to the engine. It never throws: a bug or absurd input becomes an `error` verdict.
 */
import type { ProviderName, Verification, VerifyOptions } from '../../shared/types';
import { errorText } from '../base/logger';
import { utf8 } from './bytes';
import { evaluate } from './engine';
import { cleanHeaders } from './headers';
import { SCHEMES, detectFrom, resolveProvider, schemeByName } from './registry';
import type { Scheme, SignableRequest } from './types';

/** Coerces a request from storage or the wire into a well-typed one. */
export function normalizeRequest(req: unknown): SignableRequest {
  const r: Record<string, unknown> = typeof req === 'object' && req !== null ? { ...req } : {};
  const body =
    r.body instanceof Uint8Array ? r.body : typeof r.body === 'string' ? utf8(r.body) : new Uint8Array();
  return {
    method: typeof r.method === 'string' ? r.method : 'POST',
    url: typeof r.url === 'string' ? r.url : '',
    headers: cleanHeaders(r.headers),
    body,
  };
}

function verdict(
  status: Verification['status'],
  scheme: Scheme | null,
  reason: string,
  now: number,
  diagnostics?: Verification['diagnostics'],
): Verification {
  return {
    status,
    scheme: scheme?.name ?? null,
    reason,
    signatureMatched: null,
    fresh: null,
    signedAt: null,
    checkedAt: now,
    ...(diagnostics ? { diagnostics } : {}),
  };
}

/** The verdict of a request that carries no header of any known scheme (most unsigned captures). */
export function noSignatureVerdict(now: number): Verification {
  return verdict('unsigned', null, 'No known signature header found: the request is unsigned', now, {
    hints: [LOOKED_FOR],
  });
}

/** Verifies a request against a provider scheme (or `auto`) and zero or more secrets. */
export function verifyRequest(
  req: SignableRequest,
  provider: ProviderName,
  secrets: string[],
  options: VerifyOptions,
  now: number,
): Verification {
  const checkedAt = typeof now === 'number' && Number.isFinite(now) ? now : 0;
  try {
    return verifyUnsafe(
      normalizeRequest(req),
      provider,
      Array.isArray(secrets) ? secrets : [],
      options ?? {},
      checkedAt,
    );
  } catch (error) {
    const message = errorText(error);
    return verdict('error', null, `Internal error while verifying the signature: ${message}`, checkedAt);
  }
}

// Stored with every unsigned event, so kept short (the full header list would add ~500 bytes a row).
const LOOKED_FOR = `No header of a known scheme (${SCHEMES.map((s) => s.name).join(', ')}); for a custom header, set the endpoint's provider to generic`;

function verifyUnsafe(
  req: SignableRequest,
  provider: ProviderName,
  secrets: string[],
  options: VerifyOptions,
  now: number,
): Verification {
  const name = resolveProvider(provider);
  if (name === null) return verdict('error', null, `Unknown provider "${String(provider)}"`, now);
  const detected = detectFrom(req.headers, req.body, options);
  const scheme = name === 'auto' ? detected : schemeByName(name);
  if (!scheme) return noSignatureVerdict(now);
  const outcome = scheme.parse(req, options);
  switch (outcome.kind) {
    case 'unsigned': {
      const hints = [`${scheme.title} senders sign with ${scheme.headers.join(', ')}`];
      if (detected && detected !== scheme) {
        hints.unshift(
          `The request looks like ${detected.title} (${detected.headers[0]}); is the endpoint's provider set correctly?`,
        );
      }
      return verdict('unsigned', scheme, `No ${scheme.headers[0]} header: the request is unsigned`, now, {
        hints,
      });
    }
    case 'malformed':
      return verdict('invalid', scheme, outcome.reason, now, {
        header: outcome.header,
        received: outcome.received,
        hints: outcome.hints,
      });
    case 'error':
      return verdict('error', scheme, outcome.reason, now, { header: outcome.header, hints: outcome.hints });
    case 'signed':
      return evaluate(scheme, outcome, req.body, secrets, options, now);
  }
}
