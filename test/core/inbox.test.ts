import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { InboxError } from '../../electron/core/errors';
import type { Inbox } from '../../electron/core/inbox';
import { endpointsWithCounts, inboxStatus } from '../../electron/core/status';
import type { Change } from '../../shared/changes';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

// The facade on a real SQLite file: what every face relies on, without a face in between.

function open(): { inbox: Inbox; heard: Change[] } {
  const inbox = openLocalInbox({ home: tempHome(), watch: false });
  const heard: Change[] = [];
  inbox.subscribe((c) => heard.push(c));
  return { inbox, heard };
}

const kinds = (changes: Change[]) => changes.map((c) => c.kind);

describe('Inbox facade', () => {
  it('shows secrets once, on creation; lists and gets never do', () => {
    const { inbox } = open();
    const created = inbox.createEndpoint({ label: 'stripe-dev', generateSecret: true }, 'cli');
    expect(created.secrets).toHaveLength(1);
    expect(created.secrets[0]).toMatch(/^whsec_/);
    expect(inbox.listEndpoints()[0]).not.toHaveProperty('secrets');
    expect(inbox.getEndpoint('stripe-dev')).not.toHaveProperty('secrets');
    expect(inbox.findEndpoint(created.id)?.secretCount).toBe(1);
    expect(inbox.findEndpoint('nope')).toBeNull();
    inbox.close();
  });

  it('refuses a second endpoint with the same label, naming the field', () => {
    const { inbox } = open();
    inbox.createEndpoint({ label: 'dup' }, 'cli');
    const error = (() => {
      try {
        inbox.createEndpoint({ label: 'DUP' }, 'cli');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InboxError);
    expect(error).toMatchObject({ code: 'conflict', field: 'label' });
    expect(() => inbox.getEndpoint('missing')).toThrow('Endpoint "missing" not found');
    inbox.close();
  });

  it('announces every write at once, without anyone poking the feed', async () => {
    const { inbox, heard } = open();
    const ep = inbox.createEndpoint({ label: 'a' }, 'cli');
    expect(kinds(heard)).toEqual(['endpoint.changed']);
    const event = newEvent(ep.id, '{"n":1}');
    const [seq] = await inbox.commitEvents([event]);
    expect(seq).toBeGreaterThan(0);
    expect(heard.at(-1)).toMatchObject({ kind: 'event.created', ref: event.id, endpointId: ep.id });
    inbox.ack([event.id], 'agent:test');
    expect(heard.at(-1)).toMatchObject({ kind: 'event.updated', ref: event.id, endpointId: ep.id });
    inbox.unack([event.id]);
    const id = inbox.deliveries.start({
      eventId: event.id,
      kind: 'replay',
      targetUrl: 'http://127.0.0.1:9/',
      attempt: 1,
      startedAt: 1,
      request: { method: 'POST', headers: [], body: Buffer.from('x') },
    });
    const done = inbox.deliveries.finish(id, {
      durationMs: 3,
      response: null,
      error: 'refused',
      nextAttemptAt: null,
    });
    expect(done).toMatchObject({ id, error: 'refused', durationMs: 3 });
    inbox.facts.writeLeader(process.pid, 4780);
    expect(kinds(heard)).toEqual([
      'endpoint.changed',
      'event.created',
      'event.updated',
      'event.updated',
      'delivery.changed',
      'delivery.changed',
      'runtime.changed',
    ]);
    // Positions only grow, and the facade's cursor follows them.
    const ids = heard.map((c) => c.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(inbox.changePosition).toBe(ids.at(-1));
    // The runtime cache was dropped by the change: the new leader is visible at once.
    expect(inbox.runtime()).toMatchObject({ leaderPid: process.pid, receiverPort: 4780 });
    inbox.close();
  });

  it('a failed commit stores nothing and rejects, so no sender is told yes', async () => {
    const { inbox, heard } = open();
    const ep = inbox.createEndpoint({ label: 'a' }, 'cli');
    const first = newEvent(ep.id, 'one');
    const clash = { ...newEvent(ep.id, 'two'), id: first.id };
    await expect(inbox.commitEvents([newEvent(ep.id, 'zero'), first, clash])).rejects.toThrow();
    expect(inbox.listEvents({})).toEqual([]);
    expect(kinds(heard)).toEqual(['endpoint.changed']);
    inbox.close();
  });

  it('keeps one counts model and one status model for every face', async () => {
    const { inbox } = open();
    const a = inbox.createEndpoint({ label: 'a' }, 'cli');
    const b = inbox.createEndpoint({ label: 'b' }, 'cli');
    const events = [newEvent(a.id, '1'), newEvent(a.id, '2'), newEvent(b.id, '3')];
    await inbox.commitEvents(events);
    inbox.ack([events[0]?.id ?? ''], 'app');
    const rows = endpointsWithCounts(inbox).map((e) => [e.label, e.total, e.pending, e.urls.local]);
    expect(rows).toEqual([
      ['a', 2, 1, `http://127.0.0.1:4780/h/${a.id}`],
      ['b', 1, 1, `http://127.0.0.1:4780/h/${b.id}`],
    ]);
    const status = inboxStatus(inbox);
    expect(status).toMatchObject({ eventTotal: 3, pendingTotal: 2, role: 'follower', publicUrl: null });
    expect(status.dbBytes).toBeGreaterThan(0);
    expect(inbox.pendingByStatus(a.id).byStatus.get('unsigned')).toBe(1);
    inbox.close();
  });

  it('re-verifies with a given secret and saves the verdict only when asked', async () => {
    const { inbox } = open();
    const ep = inbox.createEndpoint({ label: 'gh', provider: 'github' }, 'cli');
    const event = newEvent(ep.id, '{}', {
      headers: [
        ['X-Hub-Signature-256', 'sha256=0000000000000000000000000000000000000000000000000000000000000000'],
      ],
    });
    await inbox.commitEvents([event]);
    expect(inbox.reverify(event.id, { secrets: ['s3cret'] }).status).toBe('invalid');
    expect(inbox.getEvent(event.id).verification.status).toBe('unsigned');
    inbox.reverify(event.id, { secrets: ['s3cret'], save: true });
    expect(inbox.getEvent(event.id).verification.status).toBe('invalid');
    inbox.close();
  });

  it('retention keeps the newest events and announces the deletion', async () => {
    const { inbox, heard } = open();
    const ep = inbox.createEndpoint({ label: 'a' }, 'cli');
    const batch = Array.from({ length: 12 }, (_, i) => newEvent(ep.id, `${i}`, { receivedAt: i + 1 }));
    await inbox.commitEvents(batch);
    // Handled events go; pending ones would be kept (see test/hostile/retention-flood.test.ts).
    inbox.ack(
      batch.map((e) => e.id),
      'cli',
    );
    const policy = { maxEventsPerEndpoint: 5, maxUntrustedPerEndpoint: 5, maxAgeMs: null };
    expect(inbox.maintenance.enforceRetention(policy).deleted).toBe(7);
    expect(inbox.listEvents({ limit: 100 })).toHaveLength(5);
    expect(heard.map((c) => c.kind)).toContain('events.deleted');
    expect(inbox.maintenance.integrityCheck()).toBe('ok');
    inbox.close();
  });

  it('retention keeps acked events whose auto-forward is still open, and reports them', async () => {
    const { inbox } = open();
    const ep = inbox.createEndpoint({ label: 'fwd', forwardUrl: 'http://127.0.0.1:9/hook' }, 'cli');
    const batch = Array.from({ length: 4 }, (_, i) => newEvent(ep.id, `${i}`, { receivedAt: i + 1 }));
    await inbox.commitEvents(batch);
    inbox.ack(
      batch.map((e) => e.id),
      'cli',
    );
    expect(inbox.getEvent(batch[0]?.id ?? '').forward).toMatchObject({ stage: 'pending', attempts: 0 });
    // No leader forwarded them yet: deleting them would drop four forwards without a word.
    const policy = { maxEventsPerEndpoint: 1, maxUntrustedPerEndpoint: 1, maxAgeMs: null };
    const report = inbox.maintenance.enforceRetention(policy);
    expect(report).toMatchObject({ deleted: 0, keptOverLimit: [{ endpointId: ep.id, count: 3 }] });
    for (const e of batch.slice(0, 3)) inbox.deliveries.giveUpForward(e.id, 'test');
    expect(inbox.maintenance.enforceRetention(policy)).toMatchObject({ deleted: 3, keptOverLimit: [] });
    expect(inbox.maintenance.retentionReport()).toMatchObject({ deleted: 3, keptOverLimit: [] });
    inbox.close();
  });
});
