/**
 * The behaviour every scheme must show, run once per provider with that provider's oracle:
 * an official SDK where one is installed, otherwise an implementation of the provider's documented
 * algorithm written in the test with node:crypto (never our own signing code).
 */
import { describe, expect, it } from 'vitest';
import { type SignableRequest, signRequest, verifyRequest } from '../../electron/signatures';
import type { SchemeName } from '../../electron/signatures/types';
import type { VerifyOptions } from '../../shared/types';
import { NOW, OPTIONS, tamper, withoutHeaders } from './helpers';

/** How to exercise one scheme. */
export interface SchemeCase {
  provider: SchemeName;
  /** Three different valid secrets. */
  secret: string;
  otherSecret: string;
  thirdSecret: string;
  body: string;
  /** Oracle: a request signed with secret at time `at` (ms). */
  oracleSign: (body: string, secret: string, at: number) => SignableRequest | Promise<SignableRequest>;
  /** Oracle: does the provider's algorithm accept this request with this secret (at NOW)? */
  oracleVerify: (req: SignableRequest, secret: string) => boolean | Promise<boolean>;
  /** Oracle: one request carrying signatures for both secrets (schemes that allow it). */
  oracleSignTwice?: (
    body: string,
    secrets: [string, string],
    at: number,
  ) => SignableRequest | Promise<SignableRequest>;
  /** Whether the scheme signs a timestamp. */
  timestamped: boolean;
  /** The timestamp lives in the signed body (Linear), so re-signing cannot refresh it. */
  timestampInBody?: boolean;
  /** Headers that make up the signature (removed for the unsigned case). */
  signatureHeaders: string[];
  options?: VerifyOptions;
}

/** Registers the common battery of tests for one scheme. */
export function schemeSuite(c: SchemeCase): void {
  const options = c.options ?? OPTIONS;
  const verify = (req: SignableRequest, secrets: string[], now = NOW) =>
    verifyRequest(req, c.provider, secrets, options, now);

  describe(`${c.provider}: common behaviour`, () => {
    it('accepts a request signed by the oracle', async () => {
      const req = await c.oracleSign(c.body, c.secret, NOW - 10_000);
      expect(await c.oracleVerify(req, c.secret)).toBe(true);
      const result = verify(req, [c.secret]);
      expect(result).toMatchObject({ status: 'valid', scheme: c.provider, signatureMatched: true });
      expect(result.reason).toBe('Signature matches (secret #1 of 1)');
      expect(result.fresh).toBe(c.timestamped ? true : null);
      if (c.timestamped) expect(result.signedAt).toBe(Math.floor((NOW - 10_000) / 1000) * 1000);
      expect(result.checkedAt).toBe(NOW);
    });

    it('detects the scheme with provider "auto"', async () => {
      const req = await c.oracleSign(c.body, c.secret, NOW);
      expect(verifyRequest(req, 'auto', [c.secret], options, NOW)).toMatchObject({
        status: 'valid',
        scheme: c.provider,
      });
    });

    it('rejects a body with one changed byte, saying the body may have changed', async () => {
      const req = tamper(await c.oracleSign(c.body, c.secret, NOW));
      expect(await c.oracleVerify(req, c.secret)).toBe(false);
      const result = verify(req, [c.secret]);
      expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
      expect(result.reason).toMatch(/body/i);
      expect(result.diagnostics?.received?.length).toBeGreaterThan(0);
      expect(result.diagnostics?.expected).toHaveLength(1);
    });

    it('rejects the wrong secret, without revealing either secret', async () => {
      const req = await c.oracleSign(c.body, c.secret, NOW);
      const result = verify(req, [c.otherSecret]);
      expect(result).toMatchObject({ status: 'invalid', signatureMatched: false });
      expect(result.reason).toMatch(/does not match any of 1 secret/);
      expect(result.diagnostics?.hints?.join(' ')).toMatch(/secret/i);
      const text = JSON.stringify(result);
      expect(text).not.toContain(c.secret);
      expect(text).not.toContain(c.otherSecret);
    });

    if (c.timestamped) {
      it('reports a stale but authentic signature as invalid with signatureMatched true, fresh false', async () => {
        const signedAt = NOW - (2 * 3600 + 3 * 60) * 1000;
        const req = await c.oracleSign(c.body, c.secret, signedAt);
        const result = verify(req, [c.secret]);
        expect(result).toMatchObject({ status: 'invalid', signatureMatched: true, fresh: false });
        expect(result.reason).toBe('Signature matches, but the timestamp is 2 h 3 min old (tolerance 5 min)');
        expect(result.signedAt).toBe(signedAt);
        // Re-verified with the clock at signing time, the same stored event is valid.
        expect(verify(req, [c.secret], signedAt + 1000).status).toBe('valid');
      });

      it('flags a timestamp far in the future', async () => {
        const req = await c.oracleSign(c.body, c.secret, NOW + 3_600_000);
        const result = verify(req, [c.secret]);
        expect(result).toMatchObject({ status: 'invalid', signatureMatched: true, fresh: false });
        expect(result.reason).toMatch(/in the future/);
      });

      it('skips the freshness check when the tolerance is 0', async () => {
        const req = await c.oracleSign(c.body, c.secret, NOW - 86_400_000 * 30);
        const result = verifyRequest(req, c.provider, [c.secret], { ...options, toleranceSeconds: 0 }, NOW);
        expect(result).toMatchObject({ status: 'valid', fresh: null });
      });
    }

    it('accepts the second of two secrets (rotation)', async () => {
      const req = await c.oracleSign(c.body, c.secret, NOW);
      const result = verify(req, [c.otherSecret, c.secret]);
      expect(result).toMatchObject({ status: 'valid', reason: 'Signature matches (secret #2 of 2)' });
      expect(result.diagnostics?.expected).toHaveLength(2);
    });

    if (c.oracleSignTwice) {
      const signTwice = c.oracleSignTwice;
      it('accepts a request carrying two signatures, with either secret', async () => {
        const req = await signTwice(c.body, [c.otherSecret, c.secret], NOW);
        expect(verify(req, [c.secret]).status).toBe('valid');
        expect(verify(req, [c.otherSecret]).status).toBe('valid');
        expect(verify(req, [c.thirdSecret]).status).toBe('invalid');
      });
    }

    it('round-trips signRequest → verifyRequest, and the oracle accepts our signature', async () => {
      const original = await c.oracleSign(c.body, c.otherSecret, c.timestampInBody ? NOW : NOW - 7_200_000);
      const resigned = { ...original, headers: signRequest(original, c.provider, c.secret, options, NOW) };
      expect(verify(resigned, [c.secret])).toMatchObject({ status: 'valid', signatureMatched: true });
      expect(await c.oracleVerify(resigned, c.secret)).toBe(true);
      // Headers that are not part of the signature are kept, in order.
      const keep = original.headers.filter(
        ([n]) => !c.signatureHeaders.some((s) => s.toLowerCase() === n.toLowerCase()),
      );
      const kept = resigned.headers.filter(
        ([n]) => !c.signatureHeaders.some((s) => s.toLowerCase() === n.toLowerCase()),
      );
      expect(kept).toEqual(keep);
    });

    it('reports no_secret, keeping the scheme, when no secret is configured', async () => {
      const req = await c.oracleSign(c.body, c.secret, NOW);
      const result = verify(req, []);
      expect(result).toMatchObject({ status: 'no_secret', scheme: c.provider, signatureMatched: null });
      expect(verify(req, ['']).status).toBe('no_secret');
    });

    it('reports unsigned when the signature headers are missing', async () => {
      const req = withoutHeaders(await c.oracleSign(c.body, c.secret, NOW), c.signatureHeaders);
      expect(verify(req, [c.secret])).toMatchObject({ status: 'unsigned', scheme: c.provider });
    });
  });
}
