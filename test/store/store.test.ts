import { describe, expect, it } from 'vitest';
import { Inbox } from '../../electron/core/inbox';
import type { NewEvent } from '../../electron/store/event-repo';
import { Store } from '../../electron/store/store';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

let clock = 1_700_000_000_000;

// Strictly increasing receive times, so order-by-time assertions are exact.
function event(endpointId: string, body: string, extra: Partial<NewEvent> = {}): NewEvent {
  clock += 1;
  return newEvent(endpointId, body, { receivedAt: clock, ...extra });
}

function openInbox() {
  const inbox = new Inbox({ home: tempHome(), watch: false });
  const a = inbox.createEndpoint({ label: 'a' }, 'cli');
  const b = inbox.createEndpoint({ label: 'b' }, 'cli');
  return { inbox, a, b };
}

describe('store', () => {
  it('migrates once: reopening an existing inbox keeps its data', () => {
    const home = tempHome();
    const first = new Store(home);
    first.createEndpoint({
      id: 'ep1',
      label: 'one',
      provider: 'auto',
      secrets: [],
      rejectInvalid: false,
      forwardUrl: null,
      response: null,
      verify: { toleranceSeconds: 300 },
      createdAt: 1,
      createdBy: 'cli',
    });
    first.close();
    const second = new Store(home);
    expect(second.endpoints.list().map((e) => e.label)).toEqual(['one']);
    expect(second.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(second.integrityCheck()).toBe('ok');
    second.close();
  });

  it('pages by cursor oldest-first without losing or repeating, and filters', () => {
    const { inbox, a, b } = openInbox();
    const batch: NewEvent[] = [];
    for (let i = 0; i < 250; i++)
      batch.push(event(i % 2 ? a.id : b.id, JSON.stringify({ i }), { method: i % 5 ? 'POST' : 'GET' }));
    inbox.store.insertEvents(batch);
    const seen: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = inbox.listEvents({ endpointIds: [a.id], order: 'asc', cursor, limit: 40 });
      if (page.length === 0) break;
      for (const e of page)
        seen.push(JSON.parse(Buffer.from(inbox.getEvent(e.id).body).toString()).i as number);
      cursor = page.at(-1)?.seq;
    }
    expect(seen).toEqual(Array.from({ length: 125 }, (_, k) => 2 * k + 1));
    const newest = inbox.listEvents({ order: 'desc', limit: 1 })[0];
    expect(newest?.seq).toBe(Math.max(...inbox.listEvents({ limit: 1000 }).map((e) => e.seq)));
    expect(inbox.listEvents({ methods: ['get'], limit: 1000 })).toHaveLength(50);
    inbox.close();
  });

  it('acks keep the first actor; unack returns to pending; unknown ids are reported', () => {
    const { inbox, a } = openInbox();
    const [e1, e2] = [event(a.id, '1'), event(a.id, '2')];
    inbox.store.insertEvents([e1, e2]);
    const report = inbox.ack([e1.id, 'evt_missing'], 'agent:claude', 'done', 'handled');
    expect(report.map((r) => r.result)).toEqual(['acked', 'not_found']);
    expect(inbox.ack([e1.id], 'app')[0]?.result).toBe('already_acked');
    expect(inbox.getEvent(e1.id)).toMatchObject({
      ackedBy: 'agent:claude',
      ackOutcome: 'done',
      note: 'handled',
    });
    expect(inbox.listEvents({ acked: false }).map((e) => e.id)).toEqual([e2.id]);
    expect(inbox.unack([e1.id])).toEqual([true]);
    expect(inbox.listEvents({ acked: false })).toHaveLength(2);
    inbox.close();
  });

  it('finds events by body text, header values and path; odd input never errors', () => {
    const { inbox, a } = openInbox();
    inbox.store.insertEvents([
      event(a.id, '{"type":"invoice.paid","customer":"cus_ABC123"}'),
      event(a.id, '{"type":"charge.refunded"}', { headers: [['X-Trace', 'trace-zebra']] }),
      event(a.id, 'binary', { body: Buffer.from([0xff, 0xfe, 0x00, 0x01]), path: '/payments/special' }),
    ]);
    expect(inbox.listEvents({ text: 'invoice' })).toHaveLength(1);
    expect(inbox.listEvents({ text: 'cus_ABC' })).toHaveLength(1);
    expect(inbox.listEvents({ text: 'zebra' })).toHaveLength(1);
    expect(inbox.listEvents({ text: 'special' })).toHaveLength(1);
    expect(inbox.listEvents({ text: 'nothing-like-this' })).toHaveLength(0);
    for (const odd of ['"', 'AND OR NOT', '*', '(', 'a"b', '   ', 'NEAR(x y)']) {
      expect(() => inbox.listEvents({ text: odd })).not.toThrow();
    }
    inbox.close();
  });

  it('marks repeated provider delivery ids as duplicates of the first', () => {
    const { inbox, a } = openInbox();
    const first = event(a.id, '{}', { providerEventId: 'dlv_1' });
    const again = event(a.id, '{}', { providerEventId: 'dlv_1' });
    inbox.store.insertEvents([first, again]);
    expect(inbox.getEvent(again.id).duplicateOf).toBe(first.id);
    expect(inbox.getEvent(first.id).duplicateOf).toBeNull();
    inbox.close();
  });

  it('retention keeps the newest N per endpoint and drops their search rows', () => {
    const { inbox, a, b } = openInbox();
    const batch: NewEvent[] = [];
    for (let i = 0; i < 30; i++) batch.push(event(a.id, `needle ${i}`));
    batch.push(event(b.id, 'needle other'));
    inbox.store.insertEvents(batch);
    const deleted = inbox.store.enforceRetention({ maxEventsPerEndpoint: 10, maxAgeMs: null });
    expect(deleted).toBe(20);
    const left = inbox.listEvents({ endpointIds: [a.id], limit: 100 });
    expect(left).toHaveLength(10);
    expect(left.map((e) => Buffer.from(inbox.getEvent(e.id).body).toString())).toContain('needle 29');
    expect(inbox.listEvents({ text: 'needle', limit: 100 })).toHaveLength(11);
    expect(inbox.store.integrityCheck()).toBe('ok');
    inbox.close();
  });

  it('deleting an endpoint keeps its events unless purged', () => {
    const { inbox, a, b } = openInbox();
    inbox.store.insertEvents([event(a.id, 'x'), event(b.id, 'y')]);
    expect(inbox.deleteEndpoint('a', false)).toBe(0);
    expect(inbox.listEvents({})).toHaveLength(2);
    expect(inbox.deleteEndpoint(b.id, true)).toBe(1);
    expect(inbox.listEvents({})).toHaveLength(1);
    expect(inbox.listEndpoints()).toHaveLength(0);
    inbox.close();
  });
});
