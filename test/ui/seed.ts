import { openLocalInbox } from '../../electron/app/open-inbox';
import type { NewEvent } from '../../electron/core/ports';

const METHODS = ['POST', 'POST', 'POST', 'PUT', 'GET', 'DELETE', 'PATCH'];
const TYPES = ['invoice.paid', 'customer.created', 'charge.failed', 'push', 'pull_request', null];
const VERDICTS = ['valid', 'invalid', 'unsigned', 'no_secret'] as const;

/**
 * Writes `count` synthetic events for a new endpoint straight into a data directory (through the Store,
 * so rows and change log are exactly what the receiver writes; the leader indexes them for search). Returns the endpoint id.
 * Retention keeps 10,000 events per endpoint: seed more endpoints (with distinct id prefixes) for more.
 */
export async function seedEvents(
  home: string,
  count: number,
  label = 'seeded',
  idPrefix = 'evt_seed',
): Promise<string> {
  const inbox = openLocalInbox({ home, watch: false, durability: 'normal' });
  try {
    const endpoint = inbox.createEndpoint({ label }, 'cli');
    const start = Date.now() - count * 1000;
    for (let done = 0; done < count; ) {
      const batch: NewEvent[] = [];
      for (let i = 0; i < 5000 && done < count; i++, done++) {
        const body = Buffer.from(
          JSON.stringify({ id: `obj_${done}`, n: done, note: `seeded event number ${done}` }),
        );
        const type = TYPES[done % TYPES.length] ?? null;
        const status = VERDICTS[done % VERDICTS.length] ?? 'unsigned';
        batch.push({
          id: `${idPrefix}${String(done).padStart(8, '0')}`,
          endpointId: endpoint.id,
          receivedAt: start + done * 1000,
          method: METHODS[done % METHODS.length] ?? 'POST',
          path: `/webhooks/${done % 10}`,
          query: '',
          headers: [
            ['Content-Type', 'application/json'],
            ['User-Agent', 'seed/1.0'],
          ],
          body,
          truncated: false,
          contentType: 'application/json',
          remoteAddr: '127.0.0.1',
          provider: null,
          providerEventId: null,
          providerEventType: type,
          verification: {
            status,
            scheme: null,
            reason: `Seeded ${status}`,
            signatureMatched: null,
            fresh: null,
            signedAt: null,
            checkedAt: start,
          },
          responseStatus: 200,
          forward: false,
        });
      }
      await inbox.commitEvents(batch);
    }
    return endpoint.id;
  } finally {
    inbox.close();
  }
}
