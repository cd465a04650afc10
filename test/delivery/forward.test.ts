import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../electron/core/inbox';
import { SqliteStore } from '../../electron/store/store';
import type { Change } from '../../shared/changes';
import type { Delivery } from '../../shared/types';
import { startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { createEndpoint, eventIdOf, rawRequest, served } from './fixtures';
import { startTarget } from './target';

const FAST = { HOOKLINE_FORWARD_BACKOFF_MS: '100,200,400', HOOKLINE_FORWARD_TIMEOUT_MS: '5000' };

/** Polls the shared inbox until the event's deliveries satisfy the predicate. */
async function deliveriesWhen(
  inbox: Inbox,
  eventId: string,
  done: (ds: Delivery[]) => boolean,
  timeoutMs = 15_000,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ds = inbox.deliveries.forEvent(eventId);
    if (done(ds)) return ds;
    if (Date.now() > deadline)
      throw new Error(
        `deliveries never settled: ${JSON.stringify(ds.map((d) => [d.attempt, d.response?.status, d.error, d.nextAttemptAt]))}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

const settled = (count: number) => (ds: Delivery[]) =>
  ds.length === count && ds.every((d) => d.durationMs !== null && d.nextAttemptAt === null);

async function post(base: string, endpointId: string, body = '{"n":1}') {
  return rawRequest(
    base,
    'POST',
    `/h/${endpointId}/stripe?x=1`,
    [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
    ],
    Buffer.from(body),
  );
}

/** The shared change log as another process reads it. */
function changesOf(home: string): Change[] {
  const store = new SqliteStore(home);
  try {
    return store.changes.since(0, 10_000);
  } finally {
    store.maintenance.close();
  }
}

describe('auto-forward', () => {
  it('retries 500, 500 then stops at 200: exactly 3 attempts spaced by the backoff, each one a delivery row', async () => {
    const s = await served(FAST);
    const target = await startTarget((n) =>
      n < 2 ? { status: 500, body: 'boom' } : { status: 200, body: 'fine' },
    );
    const id = createEndpoint(s.home, 'fwd', ['--forward-to', `${target.url}/webhooks`]);
    const eventId = eventIdOf(await post(s.base, id));
    const ds = await deliveriesWhen(s.inbox, eventId, settled(3));
    const got = target.received;
    expect(got).toHaveLength(3);
    expect(got.map((r) => r.url)).toEqual(Array(3).fill('/webhooks/stripe?x=1'));
    expect(got.every((r) => r.body.toString() === '{"n":1}')).toBe(true);
    expect((got[1]?.at ?? 0) - (got[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    expect((got[2]?.at ?? 0) - (got[1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    expect(ds.map((d) => [d.kind, d.attempt, d.response?.status])).toEqual([
      ['forward', 1, 500],
      ['forward', 2, 500],
      ['forward', 3, 200],
    ]);
    // The change feed announced the attempts: other processes (the UI) see them.
    expect(
      changesOf(s.inbox.home).filter((c) => c.kind === 'delivery.changed').length,
    ).toBeGreaterThanOrEqual(6);
    await new Promise((r) => setTimeout(r, 600));
    expect(target.received).toHaveLength(3);
  });

  it('does not retry a 404, and gives up after the configured retries', async () => {
    const s = await served({ ...FAST, HOOKLINE_FORWARD_BACKOFF_MS: '50,50' });
    const notFound = await startTarget(() => ({ status: 404, body: 'no route' }));
    const failing = await startTarget(() => ({ status: 503 }));
    const a = createEndpoint(s.home, 'a', ['--forward-to', notFound.url]);
    const b = createEndpoint(s.home, 'b', ['--forward-to', failing.url]);
    const first = eventIdOf(await post(s.base, a));
    const second = eventIdOf(await post(s.base, b));
    const three = await deliveriesWhen(s.inbox, second, settled(3));
    expect(three.map((d) => d.response?.status)).toEqual([503, 503, 503]);
    const one = await deliveriesWhen(s.inbox, first, settled(1));
    expect(one[0]?.response?.status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    expect(notFound.received).toHaveLength(1);
    expect(failing.received).toHaveLength(3);
  });

  it('cuts off a target that never answers at the timeout, and retries it', async () => {
    const s = await served({ HOOKLINE_FORWARD_BACKOFF_MS: '50', HOOKLINE_FORWARD_TIMEOUT_MS: '300' });
    const target = await startTarget(() => 'hang');
    const id = createEndpoint(s.home, 'hang', ['--forward-to', target.url]);
    const eventId = eventIdOf(await post(s.base, id));
    const ds = await deliveriesWhen(s.inbox, eventId, settled(2));
    for (const d of ds) {
      expect(d.response).toBeNull();
      expect(d.error).toMatch(/Timed out after 300 ms/);
    }
  });

  it('answers the provider before the forward target does', async () => {
    const s = await served(FAST);
    const target = await startTarget(() => ({ status: 200, delayMs: 3_000 }));
    const id = createEndpoint(s.home, 'slow', ['--forward-to', target.url]);
    const started = performance.now();
    const response = await post(s.base, id);
    const senderWaited = performance.now() - started;
    expect(response.status).toBe(200);
    // The target holds its answer for 3 s; the sender's 2xx must not wait for it.
    expect(senderWaited).toBeLessThan(3_000);
    const ds = await deliveriesWhen(s.inbox, eventIdOf(response), settled(1));
    expect(ds[0]?.durationMs).toBeGreaterThanOrEqual(3_000);
  });

  it('a leader that starts up resumes a retry the previous leader had scheduled', async () => {
    const s = await served({ HOOKLINE_FORWARD_BACKOFF_MS: '1500' });
    const target = await startTarget((n) => (n === 0 ? { status: 500 } : { status: 200 }));
    const id = createEndpoint(s.home, 'resume', ['--forward-to', target.url]);
    const eventId = eventIdOf(await post(s.base, id));
    const [scheduled] = await deliveriesWhen(s.inbox, eventId, (ds) => ds[0]?.nextAttemptAt != null);
    expect(scheduled?.response?.status).toBe(500);
    await s.serve.stop();
    expect(target.received).toHaveLength(1);
    await startServe(s.home, ['--port', String(await freePort()), '--ui-port', '0'], {
      HOOKLINE_FORWARD_BACKOFF_MS: '1500',
    });
    const ds = await deliveriesWhen(s.inbox, eventId, settled(2));
    expect(ds.map((d) => d.response?.status)).toEqual([500, 200]);
    expect(target.received).toHaveLength(2);
  });
});
