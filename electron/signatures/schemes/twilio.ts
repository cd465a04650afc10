/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1(auth token, url + params)>`, where url is the
 * exact URL configured at Twilio (with query) and params, for form posts, are the POST fields
 * sorted by name, each appended as name+value (repeated names: unique values, sorted). JSON bodies
 * are not in the signature; instead the URL carries `bodySHA256=<hex sha256(body)>` and the
 * signature covers the URL alone.
 */
import type { HeaderPair, VerifyOptions } from '../../../shared/types';
import { hmac, sha256Hex, toBase64, utf8, utf8Text } from '../bytes';
import { firstHeader, hasHeader, headerValues } from '../headers';
import { readSignature } from '../signature-values';
import { signingUrl, splitUrl, urlCandidates } from '../signed-url';
import type { Scheme, SignableRequest } from '../types';

const HEADER = 'X-Twilio-Signature';

/** The bodySHA256 query parameter of a URL, if any. */
function bodyHashParam(url: string): string | null {
  const query = splitUrl(url)?.query ?? '';
  return query ? new URLSearchParams(query.slice(1)).get('bodySHA256') : null;
}

/** Whether the body is a form post Twilio put into the signature. */
function isFormBody(req: SignableRequest): boolean {
  if (req.body.length === 0) return false;
  const type = firstHeader(req.headers, 'content-type');
  return type === null || /application\/x-www-form-urlencoded/i.test(type);
}

/** Form fields concatenated the way Twilio signs them. */
function formParams(body: Uint8Array): string {
  const fields = new URLSearchParams(utf8Text(body) ?? Buffer.from(body).toString('latin1'));
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of fields) byName.set(name, (byName.get(name) ?? new Set()).add(value));
  return [...byName.keys()]
    .sort()
    .map((name) =>
      [...(byName.get(name) ?? [])]
        .sort()
        .map((value) => name + value)
        .join(''),
    )
    .join('');
}

/** The exact string Twilio signs for a URL and request. */
function signedString(url: string, req: SignableRequest): string {
  return bodyHashParam(url) === null && isFormBody(req) ? url + formParams(req.body) : url;
}

/** The Twilio scheme. */
export const twilio: Scheme = {
  name: 'twilio',
  title: 'Twilio',
  headers: [HEADER],
  detect: (headers) => hasHeader(headers, HEADER),
  parse: (req, options: VerifyOptions) => {
    const values = headerValues(req.headers, HEADER).filter(Boolean);
    if (values.length === 0) return { kind: 'unsigned' };
    // Twilio's own validateRequest accepts the URL with and without the default port.
    const candidates = urlCandidates(req, options, true);
    if (typeof candidates === 'string')
      return { kind: 'error', header: HEADER, reason: `Cannot check the Twilio signature: ${candidates}` };
    const received = values.map((value) => readSignature(value, 'base64', '', HEADER));
    const bodyHash = candidates.map((c) => bodyHashParam(c.url)).find((hash) => hash !== null) ?? null;
    const notes: string[] = [];
    if (bodyHash === null && req.body.length > 0 && !isFormBody(req)) {
      notes.push(
        'This body is neither a form post nor covered by a bodySHA256 URL parameter, so the signature does not protect it',
      );
    }
    const actualHash = sha256Hex(req.body);
    return {
      kind: 'signed',
      header: HEADER,
      algorithm: 'sha1',
      format: toBase64,
      timestamped: false,
      notes,
      bodyCheck:
        bodyHash === null
          ? undefined
          : {
              ok: bodyHash.toLowerCase() === actualHash,
              reason: `Body was changed: its SHA-256 (${actualHash.slice(0, 12)}…) differs from the bodySHA256 the signed URL carries (${bodyHash.slice(0, 12)}…)`,
            },
      inputs: candidates.map((candidate) => ({
        content: utf8(signedString(candidate.url, req)),
        received,
        signedAt: null,
        url: candidate.url,
        acceptable: candidate.acceptable,
      })),
    };
  },
  sign: (req, secret, options) => {
    const url = signingUrl(req, options);
    if (!url)
      throw new Error(
        `Cannot sign for Twilio: the request URL "${String(req.url).slice(0, 100)}" is not an absolute http(s) URL`,
      );
    const bodyHash = bodyHashParam(url);
    if (bodyHash !== null && bodyHash.toLowerCase() !== sha256Hex(req.body)) {
      throw new Error(
        `Cannot sign for Twilio: the URL's bodySHA256 does not match the body (it should be ${sha256Hex(req.body)})`,
      );
    }
    const signature = toBase64(hmac('sha1', utf8(secret), utf8(signedString(url, req))));
    const header: HeaderPair = [HEADER, signature];
    return [header];
  },
};
