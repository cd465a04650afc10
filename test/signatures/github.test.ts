/** GitHub: oracle is @octokit/webhooks-methods (GitHub's own library), plus the docs' example. */
import { sign, verify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../electron/signatures';
import { NOW, OPTIONS, header, request } from './helpers';
import { schemeSuite } from './suite';

const BODY = JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Hi ✓' } });

schemeSuite({
  provider: 'github',
  secret: 'gh-secret-1',
  otherSecret: 'gh-secret-2',
  thirdSecret: 'gh-secret-3',
  body: BODY,
  timestamped: false,
  signatureHeaders: ['X-Hub-Signature-256'],
  oracleSign: async (body, secret) =>
    request(body, [
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'issues'],
      ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
      ['X-Hub-Signature-256', await sign(secret, body)],
    ]),
  oracleVerify: (req, secret) =>
    verify(secret, Buffer.from(req.body).toString(), header(req.headers, 'x-hub-signature-256') ?? ''),
});

describe('github: published vectors and legacy header', () => {
  it("verifies GitHub docs' example (It's a Secret to Everybody / Hello, World!)", () => {
    const req = request('Hello, World!', [
      ['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
    ]);
    expect(verifyRequest(req, 'github', ["It's a Secret to Everybody"], OPTIONS, NOW).status).toBe('valid');
    expect(verifyRequest(req, 'github', ["It's a secret to everybody"], OPTIONS, NOW).status).toBe('invalid');
  });

  it('accepts upper-case hex and any header-name casing', () => {
    const req = request('Hello, World!', [
      ['x-HUB-signature-256', 'sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17'],
    ]);
    expect(verifyRequest(req, 'github', ["It's a Secret to Everybody"], OPTIONS, NOW).status).toBe('valid');
  });

  it('falls back to the legacy sha1 X-Hub-Signature only when X-Hub-Signature-256 is absent', async () => {
    const { createHmac } = await import('node:crypto');
    const sha1 = `sha1=${createHmac('sha1', 's').update('{}').digest('hex')}`;
    const legacy = request('{}', [
      ['X-GitHub-Event', 'ping'],
      ['X-Hub-Signature', sha1],
    ]);
    expect(verifyRequest(legacy, 'github', ['s'], OPTIONS, NOW).status).toBe('valid');
    const both = request('{}', [
      ['X-Hub-Signature', sha1],
      ['X-Hub-Signature-256', 'sha256=00'],
    ]);
    expect(verifyRequest(both, 'github', ['s'], OPTIONS, NOW).status).toBe('invalid');
  });

  it('re-signing replaces both GitHub headers in place', async () => {
    const req = request('{"a":1}', [
      ['X-Hub-Signature', 'sha1=old'],
      ['Content-Type', 'application/json'],
      ['X-Hub-Signature-256', 'sha256=old'],
    ]);
    const headers = signRequest(req, 'github', 'new-secret', OPTIONS, NOW);
    expect(headers.map(([n]) => n)).toEqual(['X-Hub-Signature', 'Content-Type', 'X-Hub-Signature-256']);
    expect(header(headers, 'x-hub-signature-256')).toBe(await sign('new-secret', '{"a":1}'));
    const legacyOnly = verifyRequest(
      { ...req, headers: headers.filter(([n]) => n !== 'X-Hub-Signature-256') },
      'github',
      ['new-secret'],
      OPTIONS,
      NOW,
    );
    expect(legacyOnly.status).toBe('valid');
  });

  it('explains a signature that is not hex or lacks the sha256= prefix', () => {
    const noPrefix = verifyRequest(
      request('x', [['X-Hub-Signature-256', 'abcd']]),
      'github',
      ['s'],
      OPTIONS,
      NOW,
    );
    expect(noPrefix.status).toBe('invalid');
    expect(noPrefix.diagnostics?.hints?.join(' ')).toMatch(/should start with "sha256="/);
    const notHex = verifyRequest(
      request('x', [['X-Hub-Signature-256', 'sha256=zz']]),
      'github',
      ['s'],
      OPTIONS,
      NOW,
    );
    expect(notHex.diagnostics?.hints?.join(' ')).toMatch(/not valid hex/);
  });
});
