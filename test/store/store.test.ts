import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { NewEvent } from '../../electron/core/ports';
import { SqliteStore } from '../../electron/store/store';
import { endpointRow } from '../helpers/endpoint-row';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

let clock = 1_700_000_000_000;

// Strictly increasing receive times, so order-by-time assertions are exact.
function event(endpointId: string, body: string, extra: Partial<NewEvent> = {}): NewEvent {
  clock += 1;
  return newEvent(endpointId, body, { receivedAt: clock, ...extra });
}

function openInbox() {
  const inbox = openLocalInbox({ home: tempHome(), watch: false });
  const a = inbox.createEndpoint({ label: 'a' }, 'cli');
  const b = inbox.createEndpoint({ label: 'b' }, 'cli');
  return { inbox, a, b };
}

describe('store', () => {
  it('migrates once: reopening an existing inbox keeps its data', async () => {
    const home = tempHome();
    const first = new SqliteStore(home);
    first.endpoints.create(endpointRow('one', { id: 'ep1', createdAt: 1 }));
    first.maintenance.close();
    const second = new SqliteStore(home);
    expect(second.endpoints.list().map((e) => e.label)).toEqual(['one']);
    expect(second.maintenance.integrityCheck()).toBe('ok');
    second.maintenance.close();
    const raw = new Database(join(home, 'hookline.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('pages by cursor oldest-first without losing or repeating, and filters', async () => {
    const { inbox, a, b } = openInbox();
    const batch: NewEvent[] = [];
    for (let i = 0; i < 250; i++)
      batch.push(event(i % 2 ? a.id : b.id, JSON.stringify({ i }), { method: i % 5 ? 'POST' : 'GET' }));
    await inbox.commitEvents(batch);
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

  it('acks keep the first actor; unack returns to pending; unknown ids are reported', async () => {
    const { inbox, a } = openInbox();
    const [e1, e2] = [event(a.id, '1'), event(a.id, '2')];
    await inbox.commitEvents([e1, e2]);
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

  it('finds events by body text, header values and path; odd input never errors', async () => {
    const { inbox, a } = openInbox();
    await inbox.commitEvents([
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

  it('marks repeated provider delivery ids as duplicates of the first', async () => {
    const { inbox, a } = openInbox();
    const first = event(a.id, '{}', { providerEventId: 'dlv_1' });
    const again = event(a.id, '{}', { providerEventId: 'dlv_1' });
    await inbox.commitEvents([first, again]);
    expect(inbox.getEvent(again.id).duplicateOf).toBe(first.id);
    expect(inbox.getEvent(first.id).duplicateOf).toBeNull();
    inbox.close();
  });

  it('retention keeps the newest N per endpoint and drops their search rows', async () => {
    const { inbox, a, b } = openInbox();
    const batch: NewEvent[] = [];
    for (let i = 0; i < 30; i++) batch.push(event(a.id, `needle ${i}`));
    batch.push(event(b.id, 'needle other'));
    await inbox.commitEvents(batch);
    inbox.ack(
      batch.map((e) => e.id),
      'cli',
    );
    const policy = { maxEventsPerEndpoint: 10, maxUntrustedPerEndpoint: 10, maxAgeMs: null };
    expect(inbox.maintenance.enforceRetention(policy).deleted).toBe(20);
    const left = inbox.listEvents({ endpointIds: [a.id], limit: 100 });
    expect(left).toHaveLength(10);
    expect(left.map((e) => Buffer.from(inbox.getEvent(e.id).body).toString())).toContain('needle 29');
    expect(inbox.listEvents({ text: 'needle', limit: 100 })).toHaveLength(11);
    expect(inbox.maintenance.integrityCheck()).toBe('ok');
    inbox.close();
  });

  it('deleting an endpoint keeps its events unless purged', async () => {
    const { inbox, a, b } = openInbox();
    await inbox.commitEvents([event(a.id, 'x'), event(b.id, 'y')]);
    expect(inbox.deleteEndpoint('a', false)).toBe(0);
    expect(inbox.listEvents({})).toHaveLength(2);
    expect(inbox.deleteEndpoint(b.id, true)).toBe(1);
    expect(inbox.listEvents({})).toHaveLength(1);
    expect(inbox.listEndpoints()).toHaveLength(0);
    inbox.close();
  });
});
