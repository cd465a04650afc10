/** Generic HMAC: the oracle is the plain HMAC of the body, as mcp-notify and similar senders compute it. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectScheme, signRequest, verifyRequest } from '../../electron/signatures';
import type { VerifyOptions } from '../../shared/types';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const hex = (alg: string, secret: string, body: string | Uint8Array) =>
  createHmac(alg, secret).update(body).digest('hex');

schemeSuite({
  provider: 'generic',
  secret: 'generic-1',
  otherSecret: 'generic-2',
  thirdSecret: 'generic-3',
  body: JSON.stringify({ event: 'notify', id: 'n1' }),
  timestamped: false,
  signatureHeaders: ['X-Signature-256'],
  oracleSign: (body, secret) => request(body, [['X-Signature-256', `sha256=${hex('sha256', secret, body)}`]]),
  oracleVerify: (req, secret) =>
    header(req.headers, 'x-signature-256') === `sha256=${hex('sha256', secret, req.body)}`,
});

describe('generic: configuration', () => {
  const custom: VerifyOptions = {
    toleranceSeconds: 300,
    generic: { header: 'X-Acme-Sig', algorithm: 'sha512', encoding: 'base64', prefix: '' },
  };

  it('verifies a configured header, algorithm and encoding, and detects it with auto', () => {
    const sig = createHmac('sha512', 'k').update('payload').digest('base64');
    const req = request('payload', [['x-acme-sig', sig]]);
    expect(verifyRequest(req, 'generic', ['k'], custom, NOW).status).toBe('valid');
    expect(verifyRequest(req, 'auto', ['k'], custom, NOW)).toMatchObject({
      status: 'valid',
      scheme: 'generic',
    });
    expect(header(signRequest(req, 'generic', 'k', custom, NOW), 'x-acme-sig')).toBe(sig);
  });

  it('reads X-Signature with an algorithm prefix when X-Signature-256 is absent', () => {
    const req = request('p', [['X-Signature', `sha1=${hex('sha1', 'k', 'p')}`]]);
    expect(verifyRequest(req, 'generic', ['k'], OPTIONS, NOW).status).toBe('valid');
    expect(detectScheme([['X-Signature', 'sha256=ab']])).toBe('generic');
    expect(detectScheme([['X-Signature', 'ab']])).toBeNull();
  });

  it('reports unusable settings as an error and refuses to sign with them', () => {
    const bad = {
      toleranceSeconds: 300,
      generic: { header: 'bad header', algorithm: 'md5', encoding: 'hex', prefix: '' },
    };
    const req = request('p', [['X-Signature-256', 'sha256=00']]);
    const result = verifyRequest(req, 'generic', ['k'], bad as unknown as VerifyOptions, NOW);
    expect(result).toMatchObject({ status: 'error', scheme: 'generic' });
    expect(() => signRequest(req, 'generic', 'k', bad as unknown as VerifyOptions, NOW)).toThrow(
      /header name/,
    );
  });

  it('points out an algorithm mismatch by digest length', () => {
    const req = request('p', [['X-Signature-256', `sha256=${hex('sha1', 'k', 'p')}`]]);
    const result = verifyRequest(req, 'generic', ['k'], OPTIONS, NOW);
    expect(result.diagnostics?.hints?.join(' ')).toMatch(/looks like HMAC-SHA1/);
  });
});
