/** Auto-detection and the API's cross-scheme answers: verdicts without a scheme, headers, canSign. */
import { describe, expect, it } from 'vitest';
import {
  canSign,
  detectScheme,
  signRequest,
  verificationHeaders,
  verifyRequest,
} from '../../electron/signatures';
import type { HeaderPair, ProviderName } from '../../shared/types';
import { PROVIDERS } from '../../shared/types';
import { NOW, OPTIONS, request } from './helpers';

describe('detectScheme', () => {
  const cases: [HeaderPair[], ProviderName | null][] = [
    [[['Stripe-Signature', 't=1,v1=ab']], 'stripe'],
    [
      [
        ['webhook-id', 'm'],
        ['webhook-timestamp', '1'],
        ['webhook-signature', 'v1,AA=='],
      ],
      'standard-webhooks',
    ],
    [[['svix-signature', 'v1,AA==']], 'standard-webhooks'],
    [[['X-Hub-Signature-256', 'sha256=ab']], 'github'],
    [
      [
        ['X-Hub-Signature', 'sha1=ab'],
        ['X-GitHub-Delivery', 'd'],
      ],
      'github',
    ],
    [
      [
        ['X-Hub-Signature', 'sha1=ab'],
        ['user-agent', 'intercom-webhooks'],
      ],
      'intercom',
    ],
    [[['X-Shopify-Hmac-Sha256', 'AA==']], 'shopify'],
    [
      [
        ['X-Slack-Signature', 'v0=ab'],
        ['X-Slack-Request-Timestamp', '1'],
      ],
      'slack',
    ],
    [[['X-Twilio-Signature', 'AA==']], 'twilio'],
    [[['Paddle-Signature', 'ts=1;h1=ab']], 'paddle'],
    [[['Linear-Signature', 'ab']], 'linear'],
    [[['x-square-hmacsha256-signature', 'AA==']], 'square'],
    [[['x-square-signature', 'AA==']], 'square'],
    [[['x-zm-signature', 'v0=ab']], 'zoom'],
    [[['X-Signature-256', 'sha256=ab']], 'generic'],
    [[['Content-Type', 'application/json']], null],
    [[['Stripe-Signature', '']], null],
    [[], null],
  ];
  it.each(cases)('%j → %s', (headers, expected) => {
    expect(detectScheme(headers)).toBe(expected);
  });

  it('is case-insensitive and considers repeated headers', () => {
    expect(detectScheme([['STRIPE-SIGNATURE', 't=1,v1=ab']])).toBe('stripe');
    expect(
      detectScheme([
        ['x-slack-signature', ''],
        ['X-Slack-Signature', 'v0=ab'],
      ]),
    ).toBe('slack');
  });
});

describe('verdicts across schemes', () => {
  it('auto with no known header → unsigned with scheme null', () => {
    const result = verifyRequest(
      request('{}', [['Content-Type', 'application/json']]),
      'auto',
      ['s'],
      OPTIONS,
      NOW,
    );
    expect(result).toMatchObject({
      status: 'unsigned',
      scheme: null,
      signatureMatched: null,
      fresh: null,
      checkedAt: NOW,
    });
    expect(result.diagnostics?.hints?.[0]).toMatch(/known scheme \(.*stripe.*\)/);
  });

  it('an explicit provider without its header → unsigned, pointing at the header that is there', () => {
    const result = verifyRequest(
      request('{}', [['Stripe-Signature', 't=1,v1=ab']]),
      'github',
      ['s'],
      OPTIONS,
      NOW,
    );
    expect(result).toMatchObject({
      status: 'unsigned',
      scheme: 'github',
      reason: 'No X-Hub-Signature-256 header: the request is unsigned',
    });
    expect(result.diagnostics?.hints?.[0]).toMatch(/looks like Stripe/);
  });

  it('an unknown provider name → error, never a throw', () => {
    const result = verifyRequest(request('{}', []), 'nope' as ProviderName, ['s'], OPTIONS, NOW);
    expect(result).toMatchObject({ status: 'error', scheme: null });
  });

  it('shows binary signed content as base64 and shortens huge content', () => {
    const binary = request(Buffer.from([0xff, 0xfe, 0x00, 0x01]), [
      ['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`],
    ]);
    expect(verifyRequest(binary, 'github', ['s'], OPTIONS, NOW).diagnostics?.signedContent).toBe(
      'base64://4AAQ==',
    );
    const huge = request('x'.repeat(100_000), [['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`]]);
    const shown = verifyRequest(huge, 'github', ['s'], OPTIONS, NOW).diagnostics?.signedContent ?? '';
    expect(shown.length).toBeLessThan(3_000);
    expect(shown).toMatch(/characters omitted/);
  });

  it('only shows the start of expected signatures', () => {
    const result = verifyRequest(
      request('x', [['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`]]),
      'github',
      ['s'],
      OPTIONS,
      NOW,
    );
    expect(result.diagnostics?.expected?.[0]).toMatch(/^sha256=[0-9a-f]{13}…$/);
    expect(result.diagnostics?.received).toEqual([`sha256=${'0'.repeat(64)}`]);
  });
});

describe('canSign, signRequest errors, verificationHeaders', () => {
  it('every concrete scheme can sign; auto cannot', () => {
    for (const provider of PROVIDERS) expect(canSign(provider)).toBe(provider !== 'auto');
  });

  it('throws clear errors for auto and empty secrets', () => {
    const req = request('{}', []);
    expect(() => signRequest(req, 'auto' as never, 's', OPTIONS, NOW)).toThrow(/auto can only detect/);
    expect(() => signRequest(req, 'stripe', '', OPTIONS, NOW)).toThrow(/secret is empty/);
  });

  it('lists the headers each scheme signs with', () => {
    expect(verificationHeaders('stripe')).toEqual(['Stripe-Signature']);
    expect(verificationHeaders('slack')).toEqual(['X-Slack-Signature', 'X-Slack-Request-Timestamp']);
    expect(verificationHeaders('standard-webhooks')).toContain('webhook-signature');
    expect(verificationHeaders('auto')).toEqual(
      expect.arrayContaining(['Stripe-Signature', 'x-zm-signature', 'X-Signature-256']),
    );
    for (const provider of PROVIDERS) expect(verificationHeaders(provider).length).toBeGreaterThan(0);
  });

  it('replaces a signature header in place, keeping its casing, dropping its repeats, leaving others alone', () => {
    const req = request('{"a":1}', [
      ['Content-Type', 'application/json'],
      ['stripe-signature', 't=1,v1=old'],
      ['X-Trace', '1'],
      ['Stripe-Signature', 't=2,v1=older'],
      ['X-Trace', '2'],
    ]);
    const headers = signRequest(req, 'stripe', 'whsec_x', OPTIONS, NOW);
    expect(headers.map(([n]) => n)).toEqual(['Content-Type', 'stripe-signature', 'X-Trace', 'X-Trace']);
    expect(headers[1]?.[1]).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(req.headers).toHaveLength(5);
  });
});
