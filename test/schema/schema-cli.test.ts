import { createHmac } from 'node:crypto';
/** `hookline schema`: GitHub's published schemas, a user's schema (inferred here), and drift. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';

describe('hookline schema', () => {
  it("checks a GitHub payload against GitHub's published schema for its event and action", async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'gh', provider: 'github', secrets: ['s'] }, 'cli');
    const body = JSON.stringify({ action: 'opened', number: 'seven', pull_request: { user: null } });
    const res = await fetch(url(endpoint.id), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-hub-signature-256': `sha256=${createHmac('sha256', 's').update(body).digest('hex')}`,
      },
      body,
    });
    const id = res.headers.get('x-hookline-event-id') ?? '';
    const out = runCli(home, ['schema', 'check', id]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('@octokit/webhooks-schemas pull_request$opened');
    expect(out.stdout).toContain('/number: must be integer');
    const json = JSON.parse(runCli(home, ['schema', 'check', id, '--json']).stdout) as {
      valid: boolean;
      violations: { path: string; message: string }[];
    };
    expect(json.valid).toBe(false);
    const keys = json.violations.map((v) => `${v.path} ${v.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('infers a schema from an endpoint’s events, checks events against it, and reports drift', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'orders' }, 'cli');
    const send = async (value: unknown) => {
      const res = await fetch(url(endpoint.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(value),
      });
      return res.headers.get('x-hookline-event-id') ?? '';
    };
    await send({ type: 'order.paid', data: { amount: 100, legacy_code: 'A' } });
    await send({ type: 'order.paid', data: { amount: 200, legacy_code: 'B' } });
    const drifted = await send({ type: 'order.paid', data: { amount: '300', coupon: { code: 'X' } } });
    await send({ type: 'order.refunded', data: { amount: 5 } });

    const drift = runCli(home, ['schema', 'drift', '--endpoint', 'orders', '--type', 'order.paid']);
    expect(drift.stdout).toContain('order.paid (3 events): 3 drifting field(s)');
    expect(drift.stdout).toMatch(
      new RegExp(`type_changed +data\\.amount +— integer → string \\(at ${drifted}\\)`),
    );
    expect(drift.stdout).toMatch(
      new RegExp(`appeared +data\\.coupon +— absent from the 2 event\\(s\\) before \\(at ${drifted}\\)`),
    );
    expect(drift.stdout).toMatch(/vanished +data\.legacy_code/);
    expect(drift.stdout).not.toContain('data.coupon.code');

    const mixed = runCli(home, ['schema', 'infer', '--endpoint', 'orders']);
    expect(mixed.stderr).toContain('pick one with --type');
    const schema = runCliJson<{ properties: { data: { required: string[] } } }>(home, [
      'schema',
      'infer',
      '--endpoint',
      'orders',
      '--type',
      'order.refunded',
    ]);
    expect(schema.properties.data.required).toEqual(['amount']);
    const file = join(home, 'refund.schema.json');
    writeFileSync(file, JSON.stringify(schema));
    expect(runCli(home, ['schema', 'check', drifted, '--schema', file]).code).toBe(1);
    expect(runCli(home, ['schema', 'check', drifted, '--schema', file]).stdout).toContain(
      '/data/amount: must be integer',
    );
  });
});
