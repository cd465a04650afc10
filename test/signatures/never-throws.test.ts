/** Properties: verification never throws, and sign → verify holds for every scheme and any body. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectScheme,
  handshakeResponse,
  providerEventInfo,
  signRequest,
  verificationHeaders,
  verifyRequest,
} from '../../electron/signatures';
import type { HeaderPair, ProviderName } from '../../shared/types';
import { PROVIDERS } from '../../shared/types';

const EXTRA = ['webhook-id', 'svix-id', 'svix-timestamp', 'X-GitHub-Event', 'Content-Type', 'User-Agent'];

// Values shaped like real signatures, mixed with junk, so parsers get past their first checks.
const value = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc
    .constantFrom('sha256=', 'sha1=', 'v0=', 'v1,', 't=1700000000,v1=', 'ts=1700000000;h1=', 'whsec_', '')
    .chain((prefix) =>
      fc
        .oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 130 }),
          fc.base64String({ maxLength: 90 }),
        )
        .map((rest) => prefix + rest),
    ),
  fc.constantFrom('1700000000', '-1', '1e400', '99999999999999999999', 'NaN', ' ', 'ts=;h1=;h1', 't=,v1=,,'),
  fc.constantFrom('application/x-www-form-urlencoded', 'application/json'),
);

/** Headers biased towards the names the provider (and its neighbours) use. */
function headersFor(provider: ProviderName): fc.Arbitrary<HeaderPair[]> {
  const names = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...verificationHeaders(provider)) },
    { weight: 2, arbitrary: fc.constantFrom(...verificationHeaders('auto'), ...EXTRA) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  return fc.array(fc.tuple(names, value), { maxLength: 8 });
}

const body = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.json().map((text) => Buffer.from(text)),
  fc.constant(
    Buffer.from(
      '{"type":"url_verification","challenge":"c","event":"endpoint.url_validation","payload":{"plainToken":"p"}}',
    ),
  ),
);
const url = fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string({ maxLength: 40 }));
const secrets = fc.array(
  fc.oneof(fc.string({ maxLength: 40 }), fc.constant('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')),
  { maxLength: 3 },
);
const now = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.constantFrom(Number.NaN, -1, Number.MAX_SAFE_INTEGER),
);
const tolerance = fc.oneof(
  fc.integer({ min: -10, max: 100_000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
);
const STATUSES = ['valid', 'invalid', 'unsigned', 'no_secret', 'error'];

describe('properties', () => {
  it('verifyRequest returns a verdict for arbitrary headers, bodies, URLs, secrets and clocks', () => {
    const input = fc
      .constantFrom(...PROVIDERS)
      .chain((provider) => fc.tuple(fc.constant(provider), headersFor(provider)));
    fc.assert(
      fc.property(input, body, url, secrets, now, tolerance, ([provider, hs], b, u, ss, n, t) => {
        const req = { method: 'POST', url: u, headers: hs, body: b };
        const result = verifyRequest(req, provider, ss, { toleranceSeconds: t, publicUrl: u }, n);
        expect(STATUSES).toContain(result.status);
        expect(typeof result.reason).toBe('string');
        expect(result.reason).not.toMatch(/Internal error/);
        for (const secret of ss.filter((s) => s.length >= 8))
          expect(JSON.stringify(result)).not.toContain(secret);
        detectScheme(hs, b);
        providerEventInfo(provider, hs, b);
        handshakeResponse(req, provider, ss);
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('signRequest → verifyRequest is valid for every scheme and any body; a changed signature is not', () => {
    const schemes = PROVIDERS.filter((p): p is Exclude<ProviderName, 'auto'> => p !== 'auto');
    fc.assert(
      fc.property(
        fc.constantFrom(...schemes),
        body,
        fc.webUrl({ withQueryParameters: true }),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.startsWith('whsec_')),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (provider, b, u, secret, n) => {
          const options = { toleranceSeconds: 300 };
          const req = {
            method: 'POST',
            url: u,
            headers: [['Content-Type', 'application/octet-stream']] as HeaderPair[],
            body: b,
          };
          const signed = { ...req, headers: signRequest(req, provider, secret, options, n) };
          const result = verifyRequest(signed, provider, [secret], options, n);
          expect(result).toMatchObject({ status: 'valid', scheme: provider, signatureMatched: true });
          // Change the signature's last significant character: never valid any more.
          const signatureHeader = verificationHeaders(provider)[0]?.toLowerCase();
          const corrupt = (v: string) =>
            v.replace(/[^=](=*)$/, (m, pad: string) => (m[0] === '0' ? '1' : '0') + pad);
          const corrupted = signed.headers.map(
            ([name, v]): HeaderPair => [name, name.toLowerCase() === signatureHeader ? corrupt(v) : v],
          );
          const bad = verifyRequest({ ...signed, headers: corrupted }, provider, [secret], options, n);
          expect(bad.status).toBe('invalid');
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
