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

  it('tells real redeliveries from status updates: delivery headers count, business ids in bodies do not', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'plain');
    const json = (text: string, extra: [string, string][] = []): [string, string][] => [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(Buffer.byteLength(text))],
      ...extra,
    ];
    const send = async (text: string, extra: [string, string][] = []) =>
      eventIdOf(await rawRequest(s.base, 'POST', `/h/${id}`, json(text, extra), Buffer.from(text)));

    // Two updates of one task are two deliveries, not one delivered twice (issue 13, defect 2).
    const processing = await send('{"id":"task_1010","status":"processing"}');
    const completed = await send('{"id":"task_1010","status":"completed"}');
    expect(s.inbox.getEvent(processing).duplicateOf).toBeNull();
    expect(s.inbox.getEvent(completed).duplicateOf).toBeNull();

    // Unsigned GitHub redeliveries on an `auto` endpoint are still attributable and marked (defect 3).
    const gh: [string, string][] = [
      ['X-GitHub-Event', 'push'],
      ['X-GitHub-Delivery', 'gh-del-1'],
    ];
    const firstPush = await send('{"ref":"refs/heads/main"}', gh);
    const againPush = await send('{"ref":"refs/heads/main"}', gh);
    expect(s.inbox.getEvent(againPush)).toMatchObject({
      duplicateOf: firstPush,
      provider: 'github',
      providerEventId: 'gh-del-1',
      providerEventType: 'push',
      verification: { status: 'unsigned' },
    });

    // A sender retrying with the same Idempotency-Key is one delivery sent twice.
    const key: [string, string][] = [['Idempotency-Key', 'idem-42']];
    const firstTry = await send('{"amount":5}', key);
    const retry = await send('{"amount":5}', key);
    expect(s.inbox.getEvent(retry).duplicateOf).toBe(firstTry);
  });
});
