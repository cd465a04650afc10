/** The background schema checker: from a cursor, resumable after a crash, re-checks on schema change. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Inbox } from '../../electron/core/inbox';
import type { SchemaCheckFn } from '../../electron/core/schema-records';
import { checkEvent } from '../../electron/schema/check-event';
import { MIGRATIONS } from '../../electron/store/schema';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

const AMOUNT_IS_INTEGER = {
  type: 'object',
  properties: { amount: { type: 'integer' } },
  required: ['amount'],
};

async function seed(inbox: Inbox, endpointId: string, amounts: unknown[]): Promise<string[]> {
  const events = amounts.map((amount, i) =>
    newEvent(endpointId, JSON.stringify({ amount }), { receivedAt: 1_700_000_000_000 + i, forward: false }),
  );
  await inbox.commitEvents(events);
  return events.map((e) => e.id);
}

/** Counts how often each event is checked; throws (a crash mid-batch) at the `failAt`th check. */
function counting(failAt = Number.POSITIVE_INFINITY) {
  const calls = new Map<string, number>();
  let total = 0;
  const fn: SchemaCheckFn = (event, attached) => {
    total++;
    if (total === failAt) throw new Error('crash mid-batch');
    calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
    return checkEvent(event, attached);
  };
  return { fn, calls, total: () => total };
}

/** What the leader's loop does, on this thread: batches of `size`, each stored with its cursor. */
function checkInBatches(inbox: Inbox, fn: SchemaCheckFn, size: number): void {
  for (
    let batch = inbox.schemas.nextChecks(size, 1 << 24);
    batch;
    batch = inbox.schemas.nextChecks(size, 1 << 24)
  ) {
    const { events, attached } = batch;
    inbox.schemas.storeChecks(
      batch,
      events.map((e) => fn(e, attached[e.endpointId] ?? [])),
    );
  }
}

describe('background schema checks', () => {
  it('resume after a crash where the last stored batch ended, never checking an event twice', async () => {
    const home = tempHome();
    let inbox = openLocalInbox({ home, watch: false });
    const ep = inbox.createEndpoint({ label: 'orders' }, 'cli').id;
    inbox.schemas.attach(ep, null, AMOUNT_IS_INTEGER, 'cli');
    const ids = await seed(
      inbox,
      ep,
      Array.from({ length: 240 }, (_, i) => (i % 3 === 0 ? String(i) : i)),
    );
    // The process dies part-way through its third batch: the two stored batches stay, the third is lost.
    const first = counting(120);
    expect(() => checkInBatches(inbox, first.fn, 50)).toThrow('crash mid-batch');
    inbox.close();

    inbox = openLocalInbox({ home, watch: false });
    const checkedBefore = ids.filter((id) => inbox.getEvent(id).schemaViolations !== null);
    expect(checkedBefore).toEqual(ids.slice(0, 100));
    expect(inbox.schemas.progress().backlog).toBe(ids.length - checkedBefore.length);

    const second = counting();
    inbox.schemas.checkNow(second.fn);
    // The rest, once each; none of those already stored again.
    expect(second.total()).toBe(ids.length - checkedBefore.length);
    for (const id of checkedBefore) expect(second.calls.has(id)).toBe(false);
    expect(inbox.schemas.progress()).toEqual({ backlog: 0, rechecks: [] });
    const bad = inbox.listEvents({ schemaViolations: true, limit: 1000 });
    expect(bad).toHaveLength(80);
    const one = inbox.getEvent(ids[3] ?? '');
    expect(one.schemaCheck).toMatchObject({
      schema: 'endpoint schema',
      count: 1,
      violations: [{ path: '/amount', message: 'must be integer', value: '"3"' }],
      more: 0,
    });
    // Nothing left: another run checks nothing.
    expect(inbox.schemas.checkNow(counting().fn)).toBe(0);
    inbox.close();
  });

  it('drops a batch overtaken by a schema change, and by another checker', async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const ep = inbox.createEndpoint({ label: 'orders' }, 'cli').id;
    const [id] = await seed(inbox, ep, ['one']);
    inbox.schemas.attach(ep, null, { properties: { amount: { type: 'string' } } }, 'cli');
    const stale = inbox.schemas.nextChecks(10, 1 << 20);
    expect(stale?.recheck?.endpointId).toBe(ep);
    // The schema changes while the batch is being checked: its outcome must not land.
    await new Promise((r) => setTimeout(r, 2));
    inbox.schemas.attach(ep, null, AMOUNT_IS_INTEGER, 'cli');
    if (!stale) throw new Error('no batch');
    const outcomes = stale.events.map((e) => checkEvent(e, stale.attached[e.endpointId] ?? []));
    expect(inbox.schemas.storeChecks(stale, outcomes)).toBe(false);
    inbox.schemas.checkNow(checkEvent);
    expect(inbox.getEvent(id ?? '').schemaViolations).toBe(1);
    // A batch of new events another checker stored first is dropped too.
    const [late] = await seed(inbox, ep, [7]);
    const twice = inbox.schemas.nextChecks(10, 1 << 20);
    if (!twice) throw new Error('no batch');
    const lateOutcomes = twice.events.map((e) => checkEvent(e, twice.attached[e.endpointId] ?? []));
    expect(inbox.schemas.storeChecks(twice, lateOutcomes)).toBe(true);
    expect(inbox.schemas.storeChecks(twice, lateOutcomes)).toBe(false);
    expect(inbox.getEvent(late ?? '').schemaViolations).toBe(0);
    inbox.close();
  });

  it("re-checks only the changed endpoint's events when its schema is attached, changed or detached", async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const orders = inbox.createEndpoint({ label: 'orders' }, 'cli').id;
    const other = inbox.createEndpoint({ label: 'other' }, 'cli').id;
    const [ok, wrong] = await seed(inbox, orders, [5, 'five']);
    await seed(inbox, other, [1, 2, 3]);
    inbox.schemas.checkNow(checkEvent);
    // No schema applies yet: nothing found, nothing stored.
    expect(inbox.getEvent(wrong ?? '').schemaCheck).toBeNull();

    const { rechecking } = inbox.schemas.attach('orders', null, AMOUNT_IS_INTEGER, 'cli');
    expect(rechecking).toBe(2);
    expect(inbox.schemas.progress().rechecks).toEqual([{ endpointId: orders, done: 0, total: 2 }]);
    const recheck = counting();
    inbox.schemas.checkNow(recheck.fn);
    expect([...recheck.calls.keys()].sort()).toEqual([ok, wrong].sort());
    expect(inbox.getEvent(ok ?? '').schemaViolations).toBe(0);
    expect(inbox.getEvent(wrong ?? '').schemaViolations).toBe(1);
    expect(inbox.schemas.progress().rechecks).toEqual([]);

    // Changed: the string is now right and the number wrong.
    inbox.schemas.attach('orders', null, { properties: { amount: { type: 'string' } } }, 'cli');
    inbox.schemas.checkNow(checkEvent);
    expect(inbox.getEvent(ok ?? '').schemaViolations).toBe(1);
    expect(inbox.getEvent(wrong ?? '').schemaViolations).toBe(0);

    // Detached: nothing applies any more, and the old verdicts go.
    inbox.schemas.detach('orders', null);
    inbox.schemas.checkNow(checkEvent);
    expect(inbox.getEvent(ok ?? '').schemaCheck).toBeNull();
    expect(inbox.listEvents({ schemaViolations: true })).toEqual([]);
    expect(() => inbox.schemas.detach('orders', null)).toThrow('No schema is attached');
    inbox.close();
  });

  it('keeps the first violations of an event and counts the rest', async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const ep = inbox.createEndpoint({ label: 'wide' }, 'cli').id;
    inbox.schemas.attach(ep, null, { type: 'object', additionalProperties: false }, 'cli');
    const body = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`extra_${i}`, i]));
    const event = newEvent(ep, JSON.stringify(body), { forward: false });
    await inbox.commitEvents([event]);
    inbox.schemas.checkNow(checkEvent);
    const check = inbox.getEvent(event.id).schemaCheck;
    expect(check?.count).toBe(14);
    expect(check?.violations).toHaveLength(10);
    expect(check?.more).toBe(4);
    expect(check?.violations[0]?.message).toBe('must NOT have additional properties (extra_0)');
    inbox.close();
  });

  it("checks an event against its type's schema first, else the endpoint's schema for every type", async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const ep = inbox.createEndpoint({ label: 'typed' }, 'cli').id;
    inbox.schemas.attach(ep, null, AMOUNT_IS_INTEGER, 'cli');
    inbox.schemas.attach(ep, 'refund', { properties: { amount: { type: 'string' } } }, 'cli');
    const paid = newEvent(ep, '{"amount":"x"}', { providerEventType: 'paid', forward: false });
    const refund = newEvent(ep, '{"amount":"x"}', { providerEventType: 'refund', forward: false });
    const notJson = newEvent(ep, 'amount=x', { providerEventType: 'paid', forward: false });
    await inbox.commitEvents([paid, refund, notJson]);
    inbox.schemas.checkNow(checkEvent);
    expect(inbox.getEvent(paid.id).schemaCheck?.schema).toBe('endpoint schema');
    expect(inbox.getEvent(paid.id).schemaViolations).toBe(1);
    expect(inbox.getEvent(refund.id).schemaCheck).toMatchObject({
      schema: 'endpoint schema for refund',
      count: 0,
    });
    expect(inbox.getEvent(notJson.id).schemaCheck?.violations).toEqual([
      { path: '', message: 'the body is not JSON', value: null },
    ]);
    expect(inbox.schemas.attached('typed').map((s) => s.eventType)).toEqual([null, 'refund']);
    inbox.close();
  });

  it("checks an inbox's earlier GitHub events after the upgrade, against GitHub's published schemas", async () => {
    const home = tempHome();
    const db = new Database(join(home, 'hookline.db'));
    // An inbox from before the schema-check migration.
    const before = MIGRATIONS.findIndex((step) => step.includes('CREATE TABLE schema_state'));
    for (const step of MIGRATIONS.slice(0, before)) db.exec(step);
    db.pragma(`user_version = ${before}`);
    const body = JSON.stringify({ action: 'opened', number: 'seven', pull_request: { user: null } });
    db.prepare(
      `INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size,
        provider, provider_event_type, verification_status, verification, response_status)
       VALUES ('evt_old', 'ep_old', 1, 'POST', '', '', ?, ?, ?, 'github', 'pull_request', 'unsigned', ?, 200)`,
    ).run(
      JSON.stringify([
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'pull_request'],
      ]),
      Buffer.from(body),
      body.length,
      JSON.stringify(newEvent('ep_old', '').verification),
    );
    db.close();
    const inbox = openLocalInbox({ home, watch: false });
    expect(inbox.getEvent('evt_old').schemaViolations).toBeNull();
    expect(inbox.schemas.progress().backlog).toBe(1);
    inbox.schemas.checkNow(checkEvent);
    const check = inbox.getEvent('evt_old').schemaCheck;
    expect(check?.schema).toBe('@octokit/webhooks-schemas pull_request$opened');
    expect(check?.violations).toContainEqual({
      path: '/number',
      message: 'must be integer',
      value: '"seven"',
    });
    inbox.close();
  }, 60_000);
});
