import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson, startServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

interface Created {
  id: string;
  provider: string;
  verify: { generic?: { header: string } };
}

describe('endpoint settings from the command line', () => {
  it('verifies a custom generic HMAC header, pauses and resumes, and rejects bad settings clearly', async () => {
    const home = tempHome();
    const serve = await startServe(home, ['--port', '0', '--ui-port', '0']);
    const base = serve.facts.localBaseUrl;
    const secret = 'my-shared-secret';
    const created = runCliJson<Created>(home, [
      'endpoints',
      'create',
      'acme',
      '--provider',
      'generic',
      '--secret',
      secret,
      '--hmac-header',
      'X-Acme-Signature',
      '--hmac-algorithm',
      'sha512',
      '--hmac-encoding',
      'base64',
    ]);
    expect(created.verify.generic?.header).toBe('X-Acme-Signature');
    const body = '{"order":42}';
    const signature = createHmac('sha512', secret).update(body).digest('base64');
    const res = await fetch(`${base}/h/${created.id}`, {
      method: 'POST',
      headers: { 'x-acme-signature': signature },
      body,
    });
    const eventId = res.headers.get('x-hookline-event-id') ?? '';
    const shown = runCliJson<{ verification: { status: string; scheme: string } }>(home, [
      'events',
      'show',
      eventId,
    ]);
    expect(shown.verification).toMatchObject({ status: 'valid', scheme: 'generic' });

    expect(runCli(home, ['endpoints', 'update', 'acme', '--pause']).code).toBe(0);
    // The receiver hears of the change through the shared change feed within moments.
    let paused = 0;
    for (let i = 0; i < 40 && paused !== 503; i++) {
      paused = (await fetch(`${base}/h/${created.id}`, { method: 'POST', body: 'x' })).status;
      if (paused !== 503) await new Promise((r) => setTimeout(r, 50));
    }
    expect(paused).toBe(503);
    expect(
      runCli(home, ['endpoints', 'update', 'acme', '--resume', '--label', 'acme-prod']).stdout,
    ).toContain('acme-prod');

    const badAlg = runCli(home, [
      'endpoints',
      'update',
      'acme-prod',
      '--hmac-header',
      'X-S',
      '--hmac-algorithm',
      'md5',
    ]);
    expect(badAlg.code).toBe(2);
    expect(badAlg.stderr).toContain('--hmac-algorithm must be sha1 or sha256 or sha512');
    const badHeader = runCli(home, ['endpoints', 'update', 'acme-prod', '--hmac-header', 'Bad Header']);
    expect(badHeader.code).toBe(1);
    expect(badHeader.stderr).toContain('Invalid generic HMAC settings');
    expect(runCli(home, ['endpoints', 'update', 'acme-prod']).code).toBe(2);
  });
});
