import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { EventQuery } from '../../electron/core/ports';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

describe('event filters', () => {
  it('filter by verdict, method, acked, event type and delivery state, alone and with text', async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const ep = inbox.createEndpoint({ label: 'filters' }, 'cli').id;
    const base = newEvent(ep, '{"k":"v"}');
    const make = (n: number, extra: Parameters<typeof newEvent>[2]) =>
      newEvent(ep, `{"n":${n},"word":"common"}`, { receivedAt: 1_700_000_000_000 + n, ...extra });
    const [paid, put, bad, plain] = [
      make(1, { providerEventType: 'invoice.paid' }),
      make(2, { method: 'PUT' }),
      make(3, { verification: { ...base.verification, status: 'invalid' } }),
      make(4, {}),
    ];
    await inbox.commitEvents([paid, put, bad, plain]);
    inbox.ack([put.id], 'cli');
    const attempt = (eventId: string, status: number | null) => {
      const id = inbox.deliveries.start({
        eventId,
        kind: 'forward',
        targetUrl: 'http://127.0.0.1:9/',
        attempt: 1,
        startedAt: 1,
        request: { method: 'POST', headers: [], body: new Uint8Array() },
      });
      inbox.deliveries.finish(id, {
        durationMs: 1,
        response: status === null ? null : { status, headers: [], body: new Uint8Array(), truncated: false },
        error: status === null ? 'connection refused' : null,
        nextAttemptAt: null,
      });
    };
    attempt(paid.id, 200);
    attempt(bad.id, null);
    attempt(bad.id, 500);
    attempt(put.id, 502);
    attempt(put.id, 204);

    const ids = (q: EventQuery) => inbox.listEvents({ order: 'desc', ...q }).map((e) => e.id);
    expect(ids({ verification: ['invalid'] })).toEqual([bad.id]);
    expect(ids({ methods: ['put'] })).toEqual([put.id]);
    expect(ids({ acked: true })).toEqual([put.id]);
    expect(ids({ acked: false })).toEqual([plain.id, bad.id, paid.id]);
    expect(ids({ eventTypes: ['invoice.paid'] })).toEqual([paid.id]);
    expect(ids({ delivery: 'delivered' })).toEqual([put.id, paid.id]);
    expect(ids({ delivery: 'failed' })).toEqual([bad.id]);
    expect(ids({ delivery: 'none' })).toEqual([plain.id]);
    expect(inbox.countEvents({ delivery: 'delivered' }, 100)).toEqual({ count: 2, capped: false });
    inbox.maintenance.indexNow();
    expect(ids({ text: 'common', delivery: 'failed' })).toEqual([bad.id]);
    expect(ids({ text: 'common', methods: ['POST'], acked: false })).toEqual([plain.id, bad.id, paid.id]);
    inbox.close();
  });
});

describe('event types', () => {
  it('lists the distinct stored types alphabetically, and says when there were more than asked', async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const ep = inbox.createEndpoint({ label: 'types' }, 'cli').id;
    const types = ['push', 'invoice.paid', 'charge.failed', 'invoice.paid', null, 'push'];
    await inbox.commitEvents(types.map((t, n) => newEvent(ep, `{"n":${n}}`, { providerEventType: t })));
    expect(inbox.eventTypes(10)).toEqual({ types: ['charge.failed', 'invoice.paid', 'push'], more: false });
    expect(inbox.eventTypes(2)).toEqual({ types: ['charge.failed', 'invoice.paid'], more: true });
    expect(inbox.eventTypes(3).more).toBe(false);
  });
});
