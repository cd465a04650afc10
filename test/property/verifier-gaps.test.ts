/**
 * Verifier properties that test/signatures/never-throws.test.ts leaves open: header names are
 * case-insensitive on the wire, signed timestamps can be absurd, and signature headers can repeat
 * or be huge. Every scheme, arbitrary bodies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signRequest, verificationHeaders, verifyRequest } from '../../electron/signatures';
import type { HeaderPair, ProviderName } from '../../shared/types';
import { PROVIDERS } from '../../shared/types';

const SCHEMES = PROVIDERS.filter((p): p is Exclude<ProviderName, 'auto'> => p !== 'auto');
const OPTIONS = { toleranceSeconds: 300 };
const NOW = 1_750_000_000_000;
const URL = 'https://hooks.example.test/h/abc?x=1';

const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json().map((t) => Buffer.from(t)),
);
const secretArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.startsWith('whsec_'));

function signed(provider: Exclude<ProviderName, 'auto'>, body: Uint8Array, secret: string, at: number) {
  const req = {
    method: 'POST',
    url: URL,
    headers: [['Content-Type', 'application/json']] as HeaderPair[],
    body,
  };
  return { ...req, headers: signRequest(req, provider, secret, OPTIONS, at) };
}

function recase(name: string, bits: number[]): string {
  return [...name]
    .map((c, i) => ((bits[i % bits.length] ?? 0) & 1 ? c.toUpperCase() : c.toLowerCase()))
    .join('');
}

/** The parts of a verdict a user acts on. */
const gist = (v: ReturnType<typeof verifyRequest>) => ({
  status: v.status,
  matched: v.signatureMatched,
  fresh: v.fresh,
});

describe('verifier properties beyond never-throws', () => {
  it('gives the same verdict whatever the casing of header names (HTTP names are case-insensitive)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        bodyArb,
        secretArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
        (provider, body, secret, bits) => {
          const req = signed(provider, body, secret, NOW);
          const before = verifyRequest(req, provider, [secret], OPTIONS, NOW);
          expect(before.status).toBe('valid');
          const recased = req.headers.map(([n, v], i): HeaderPair => [recase(n, bits.slice(i)), v]);
          const after = verifyRequest({ ...req, headers: recased }, provider, [secret], OPTIONS, NOW);
          expect(gist(after)).toEqual(gist(before));
          // Auto-detection must see through the casing too.
          expect(verifyRequest({ ...req, headers: recased }, 'auto', [secret], OPTIONS, NOW).status).toBe(
            'valid',
          );
        },
      ),
      { numRuns: 150, seed: 99 },
    );
  });

  it('never calls a request signed at an absurd time valid and fresh', () => {
    const absurd = fc.oneof(
      fc.constantFrom(0, 1_000, 86_400_000, 99_999_999_999_000, 2 ** 50, 8.64e15),
      fc.integer({ min: 0, max: 2 ** 52 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMES), bodyArb, secretArb, absurd, (provider, body, secret, at) => {
        const req = signed(provider, body, secret, at);
        const atSigning = verifyRequest(req, provider, [secret], OPTIONS, at);
        const later = verifyRequest(req, provider, [secret], OPTIONS, NOW);
        const timestamped = atSigning.signedAt !== null;
        if (timestamped && Math.abs(NOW - at) > OPTIONS.toleranceSeconds * 1000) {
          expect(later.status).not.toBe('valid');
          expect(later.fresh).not.toBe(true);
        }
        if (!timestamped) expect(gist(later)).toEqual(gist(atSigning));
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('answers repeated and huge signature headers with a verdict, never a throw or a false valid', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.integer({ min: 10_000, max: 60_000 }).map((n) => 'v1='.padEnd(n, 'a')),
      fc.constantFrom('t=99999999999999999999,v1=00', 't=-5,v1=', 'v1,', ',,,,', '='.repeat(5000)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        bodyArb,
        secretArb,
        fc.array(junk, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (provider, body, secret, junkValues, before) => {
          const req = signed(provider, body, secret, NOW);
          const sigName = verificationHeaders(provider)[0] ?? 'X-Signature';
          const extra = junkValues.map((v): HeaderPair => [sigName, v]);
          const headers = before ? [...extra, ...req.headers] : [...req.headers, ...extra];
          const v = verifyRequest({ ...req, headers }, provider, [secret], OPTIONS, NOW);
          expect(['valid', 'invalid', 'unsigned', 'no_secret', 'error']).toContain(v.status);
          expect(v.reason.length).toBeGreaterThan(0);
          // Junk alone (the real signature removed) must never verify.
          const alone = req.headers.filter(([n]) => n.toLowerCase() !== sigName.toLowerCase());
          const onlyJunk = verifyRequest(
            { ...req, headers: [...alone, ...extra] },
            provider,
            [secret],
            OPTIONS,
            NOW,
          );
          expect(onlyJunk.status).not.toBe('valid');
        },
      ),
      { numRuns: 120, seed: 17 },
    );
  });
});
