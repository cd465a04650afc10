import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { RelayEventItem } from '../../electron/core/mirror';
import type { Endpoint, StoredEvent } from '../../shared/types';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

const RELAY = 'http://127.0.0.1:9';

function relayEndpoint(id: string, label: string, extra: Partial<Endpoint> = {}): Endpoint {
  return {
    id,
    label,
    provider: 'auto',
    secretCount: 1,
    rejectInvalid: false,
    forwardUrl: null,
    response: null,
    verify: { toleranceSeconds: 300 },
    createdAt: 1,
    createdBy: 'relay:alice',
    paused: false,
    archived: false,
    expiresAt: null,
    eventTypes: null,
    ...extra,
  };
}

function created(id: number, endpointId: string, body: string): RelayEventItem {
  const e = newEvent(endpointId, body);
  const event: StoredEvent = {
    ...e,
    seq: id,
    bodySize: e.body.byteLength,
    duplicateOf: null,
    ackedAt: null,
    ackedBy: null,
    ackOutcome: null,
    note: null,
    importedFrom: null,
    claim: null,
    schemaViolations: null,
    schemaCheck: null,
    providerEventSource: null,
    handshake: null,
    forward: null,
  };
  return { id, kind: 'event.created', event };
}

describe('applying relay feed items (inbox.mirror)', () => {
  it('a page applied again (a crash before the cursor was saved) stores nothing twice', () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    try {
      inbox.mirror.applyEndpoint(
        'ep_relay_000000001',
        relayEndpoint('ep_relay_000000001', 'stripe'),
        RELAY,
        1,
      );
      const page = [created(2, 'ep_relay_000000001', '{"a":1}'), created(3, 'ep_relay_000000001', '{"a":2}')];
      expect(inbox.mirror.applyEvents(page, RELAY, 3)).toEqual({ created: 2, skipped: 0, updated: 0 });
      expect(inbox.mirror.applyEvents(page, RELAY, 3)).toEqual({ created: 0, skipped: 2, updated: 0 });
      expect(inbox.eventCounts().get('ep_relay_000000001')?.total).toBe(2);
      expect(inbox.mirror.cursor(RELAY)).toBe(3);
      // A cursor belongs to one relay: another one starts from the beginning.
      expect(inbox.mirror.cursor('http://127.0.0.1:10')).toBe(0);

      const [first] = page;
      if (first?.kind !== 'event.created') throw new Error('unreachable');
      const acked = {
        ...first.event,
        ackedAt: 42,
        ackedBy: 'bob/app',
        ackOutcome: 'done' as const,
        note: 'ok',
      };
      inbox.mirror.applyEvents([{ id: 4, kind: 'event.updated', event: acked }], RELAY, 4);
      expect(inbox.eventSummary(first.event.id)).toMatchObject({
        ackedAt: 42,
        ackedBy: 'bob/app',
        note: 'ok',
      });
    } finally {
      inbox.close();
    }
  });

  it("the relay's endpoint keeps the desktop's secrets and its forward URL; a local label clash gets (relay)", () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    try {
      const mine = inbox.createEndpoint(
        { label: 'orders', secrets: ['whsec_local'], forwardUrl: 'http://localhost:3000/hooks' },
        'app',
      );
      inbox.mirror.applyEndpoint(
        mine.id,
        relayEndpoint(mine.id, 'orders-renamed', { paused: true }),
        RELAY,
        1,
      );
      const after = inbox.endpointWithSecrets(mine.id);
      expect(after).toMatchObject({
        label: 'orders-renamed',
        paused: true,
        forwardUrl: 'http://localhost:3000/hooks',
      });
      expect(after.secrets).toEqual(['whsec_local']);

      const local = inbox.createEndpoint({ label: 'github' }, 'app');
      inbox.mirror.applyEndpoint(
        'ep_relay_000000002',
        relayEndpoint('ep_relay_000000002', 'github'),
        RELAY,
        2,
      );
      expect(inbox.getEndpoint('ep_relay_000000002').label).toBe('github (relay)');
      expect(inbox.getEndpoint(local.id).label).toBe('github');

      inbox.mirror.applyEndpoint('ep_relay_000000002', null, RELAY, 3);
      expect(inbox.findEndpoint('ep_relay_000000002')).toBeNull();
    } finally {
      inbox.close();
    }
  });
});
