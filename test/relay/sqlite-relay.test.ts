import { describe, expect, it } from 'vitest';
import { openRelayStore } from '../../electron/app/relay-store';
import { DEFAULT_RETENTION } from '../../electron/core/ports';
import { startRelay } from '../../electron/relay/server';
import { newRelayToken } from '../../electron/relay/tokens';
import { tempHome } from '../helpers/temp-home';
import { describeRelayBehaviour } from './relay-behaviour';
import { createdEvents, readWholeFeed, relayCall } from './relay-client';

describeRelayBehaviour('the embedded SQLite store', {
  open: () => openRelayStore({ home: tempHome() }),
  // The database closed under the relay: every store call now fails, as with a lost disk.
  break: (store) => store.close(),
});

describe('the embedded store trims its feed by retention', () => {
  it('tells a reader whose cursor fell behind the trimmed feed (410 cursor_expired with the oldest id)', async () => {
    const store = await openRelayStore({ home: tempHome(), changeLogKeep: 5 });
    const relay = await startRelay({ store, port: 0 });
    try {
      const member = newRelayToken('alice', false, Date.now());
      await store.createToken(member.row);
      const endpoint = await relayCall<{ endpoint: { id: string } }>(
        relay.localUrl,
        'POST',
        'endpoints',
        member.token,
        {
          label: 'busy',
        },
      );
      for (let i = 0; i < 12; i++)
        await fetch(`${relay.localUrl}/h/${endpoint.body.endpoint.id}`, { method: 'POST', body: `${i}` });
      await store.enforceRetention(DEFAULT_RETENTION, Date.now());

      const expired = await relayCall<{ error: { code: string; oldest: number; message: string } }>(
        relay.localUrl,
        'GET',
        'feed?after=0',
        member.token,
      );
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe('cursor_expired');
      const oldest = expired.body.error.oldest;
      expect(oldest).toBeGreaterThan(1);
      // Resuming where the relay says works, and holds what is left.
      const rest = await readWholeFeed(relay.localUrl, member.token, oldest - 1);
      expect(rest.items[0]?.id).toBe(oldest);
      expect(createdEvents(rest.items).length).toBeGreaterThan(0);
      // A cursor inside what is held is never refused.
      expect((await relayCall(relay.localUrl, 'GET', `feed?after=${oldest}`, member.token)).status).toBe(200);
    } finally {
      await relay.close();
      await store.close();
    }
  });
});
