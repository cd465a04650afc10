import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { replayEvent } from '../../electron/delivery';
import { createEndpoint, eventIdOf, rawRequest, served } from './fixtures';
import { header, startTarget } from './target';

describe('provider delivery ids', () => {
  it('marks a redelivery as a duplicate of the first, and replays carry the same delivery id', async () => {
    const s = await served();
    const secret = 'gh-secret';
    const id = createEndpoint(s.home, 'gh', ['--provider', 'github', '--secret', secret]);
    const body = Buffer.from('{"action":"opened","number":1}');
    const headers = (): [string, string][] => [
      ['X-GitHub-Event', 'pull_request'],
      ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
      ['X-Hub-Signature-256', `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
    ];
    const first = eventIdOf(await rawRequest(s.base, 'POST', `/h/${id}`, headers(), body));
    const second = eventIdOf(await rawRequest(s.base, 'POST', `/h/${id}`, headers(), body));
    expect(s.inbox.getEvent(first).duplicateOf).toBeNull();
    expect(s.inbox.getEvent(second)).toMatchObject({
      duplicateOf: first,
      providerEventId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      verification: { status: 'valid', scheme: 'github' },
    });
    const target = await startTarget();
    await replayEvent(s.inbox, first, {
      targetUrl: target.url,
      resign: true,
      edits: { body: Buffer.from('{}') },
    });
    const [got] = await target.waitFor(1);
    expect(header(got?.headers ?? [], 'x-github-delivery')).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
  });
});
