import { newEventId } from '../../electron/core/ids';
import type { NewEvent } from '../../electron/core/ports';

/** An unsigned JSON POST as the receiver would store it, for tests that write the store directly. */
export function newEvent(endpointId: string, body: string, extra: Partial<NewEvent> = {}): NewEvent {
  const receivedAt = extra.receivedAt ?? Date.now();
  return {
    id: newEventId(receivedAt),
    endpointId,
    receivedAt,
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(body),
    truncated: false,
    contentType: 'application/json',
    remoteAddr: '127.0.0.1',
    provider: null,
    providerEventId: null,
    providerEventType: null,
    verification: {
      status: 'unsigned',
      scheme: null,
      reason: 'no signature',
      signatureMatched: null,
      fresh: null,
      signedAt: null,
      checkedAt: receivedAt,
    },
    responseStatus: 200,
    // As the receiver stores it: forwarded when the endpoint has a forward URL.
    forward: true,
    ...extra,
  };
}
