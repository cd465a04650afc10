/**
 * Standard Webhooks v1a (ed25519): the spec repository's published signing vector, keys generated
 * here, whpk_ public keys for verification and whsk_ secret keys for signing.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request, tamper } from './helpers';

// From standard-webhooks/libraries/go/webhook_asymmetric_test.go (TestAsymmetricWebhookSign).
const SPEC = {
  seed: 'VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
};

function keyPair(): { secretKey: string; publicKey: string; sign: (content: string) => string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwkPrivate = privateKey.export({ format: 'jwk' });
  const jwkPublic = publicKey.export({ format: 'jwk' });
  const b64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64url').toString('base64');
  return {
    secretKey: `whsk_${b64(jwkPrivate.d)}`,
    publicKey: `whpk_${b64(jwkPublic.x)}`,
    sign: (content) => sign(null, Buffer.from(content), privateKey).toString('base64'),
  };
}

function specRequest(signature = SPEC.signature) {
  return request(SPEC.body, [
    ['webhook-id', SPEC.id],
    ['webhook-timestamp', String(SPEC.timestamp)],
    ['webhook-signature', signature],
  ]);
}

const SPEC_NOW = SPEC.timestamp * 1000 + 10_000;

describe('Standard Webhooks v1a (ed25519)', () => {
  it('signs the spec vector byte for byte with the whsk_ secret key', () => {
    const headers = signRequest(
      { ...specRequest(), headers: [['webhook-id', SPEC.id]] },
      'standard-webhooks',
      `whsk_${SPEC.seed}`,
      OPTIONS,
      SPEC.timestamp * 1000,
    );
    expect(header(headers, 'webhook-signature')).toBe(SPEC.signature);
  });

  it('verifies the spec vector with the public key derived from it, and with the secret key', () => {
    const signed = signRequest(specRequest(), 'standard-webhooks', `whsk_${SPEC.seed}`, OPTIONS, SPEC_NOW);
    expect(header(signed, 'webhook-signature')?.startsWith('v1a,')).toBe(true);
    const verdict = verifyRequest(
      specRequest(),
      'standard-webhooks',
      [`whsk_${SPEC.seed}`],
      OPTIONS,
      SPEC_NOW,
    );
    expect(verdict.status).toBe('valid');
    expect(verdict.fresh).toBe(true);
  });

  it('verifies a generated key pair with the whpk_ public key, under auto-detection too', () => {
    const keys = keyPair();
    const ts = Math.floor(NOW / 1000);
    const body = '{"type":"invoice.paid"}';
    const req = request(body, [
      ['webhook-id', 'msg_1'],
      ['webhook-timestamp', String(ts)],
      ['webhook-signature', `v1a,${keys.sign(`msg_1.${ts}.${body}`)}`],
    ]);
    expect(verifyRequest(req, 'standard-webhooks', [keys.publicKey], OPTIONS, NOW).status).toBe('valid');
    expect(verifyRequest(req, 'auto', [keys.publicKey], OPTIONS, NOW).status).toBe('valid');
    const other = keyPair();
    const wrong = verifyRequest(req, 'standard-webhooks', [other.publicKey], OPTIONS, NOW);
    expect(wrong.status).toBe('invalid');
    expect(wrong.signatureMatched).toBe(false);
    expect(verifyRequest(tamper(req), 'standard-webhooks', [keys.publicKey], OPTIONS, NOW).status).toBe(
      'invalid',
    );
    // Rotation: the right key second in the list still verifies.
    expect(
      verifyRequest(req, 'standard-webhooks', [other.publicKey, keys.publicKey], OPTIONS, NOW).reason,
    ).toContain('secret #2 of 2');
  });

  it('says what to configure when an HMAC secret meets a v1a signature, and a public key cannot sign', () => {
    const verdict = verifyRequest(
      specRequest(),
      'standard-webhooks',
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      OPTIONS,
      SPEC_NOW,
    );
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('whpk_');
    const keys = keyPair();
    expect(() => signRequest(specRequest(), 'standard-webhooks', keys.publicKey, OPTIONS, NOW)).toThrow(
      /whsk_ secret key/,
    );
  });

  it('reports a stale timestamp separately from a matching signature', () => {
    const verdict = verifyRequest(specRequest(), 'standard-webhooks', [`whsk_${SPEC.seed}`], OPTIONS, NOW);
    expect(verdict.status).toBe('invalid');
    expect(verdict.signatureMatched).toBe(true);
    expect(verdict.fresh).toBe(false);
  });

  it('keeps verifying the v1 HMAC signatures of a sender that sends both', () => {
    const verdict = verifyRequest(
      specRequest(`v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${SPEC.signature}`),
      'standard-webhooks',
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      OPTIONS,
      SPEC_NOW,
    );
    expect(verdict.status).toBe('invalid');
    expect(verdict.diagnostics?.received).toEqual(['v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=']);
  });
});
