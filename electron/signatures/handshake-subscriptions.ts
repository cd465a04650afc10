/**
 * Subscription handshakes of senders that are not signature schemes: CloudEvents webhook
 * validation (an OPTIONS request, abuse protection) and Azure Event Grid's subscription
 * validation event. Answering grants nothing the public URL does not already accept: the
 * endpoint takes any request anyway, and every handshake is still stored.
 */
import { bodyJson, isRecord, stringField } from './bytes';
import { firstHeader } from './headers';
import type { SignableRequest } from './types';

/** What a handshake answers (the kind is added by the registry). */
export interface HandshakeAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * CloudEvents HTTP webhook validation: `OPTIONS` with `WebHook-Request-Origin` must be answered
 * with `WebHook-Allowed-Origin` (that origin) and `WebHook-Allowed-Rate` (`*`: no limit here),
 * or the sender never delivers.
 */
export function cloudEventsValidation(req: SignableRequest): HandshakeAnswer | null {
  if (req.method.toUpperCase() !== 'OPTIONS') return null;
  const origin = firstHeader(req.headers, 'webhook-request-origin');
  if (!origin) return null;
  return {
    status: 200,
    headers: [
      ['Allow', 'POST, OPTIONS'],
      ['WebHook-Allowed-Origin', origin],
      ['WebHook-Allowed-Rate', '*'],
    ],
    body: '',
  };
}

const EVENT_GRID_VALIDATION = 'Microsoft.EventGrid.SubscriptionValidationEvent';

/**
 * Azure Event Grid (Event Grid schema): the first delivery is an array holding one
 * SubscriptionValidationEvent whose data.validationCode must be echoed as `validationResponse`.
 */
export function eventGridValidation(req: SignableRequest): HandshakeAnswer | null {
  if (req.method.toUpperCase() !== 'POST') return null;
  const header = firstHeader(req.headers, 'aeg-event-type');
  if (header !== null && header !== 'SubscriptionValidation') return null;
  const events = bodyJson(req.body);
  const first: unknown = Array.isArray(events) ? events[0] : null;
  if (!isRecord(first) || stringField(first, 'eventType') !== EVENT_GRID_VALIDATION) return null;
  const code = isRecord(first.data) ? stringField(first.data, 'validationCode') : null;
  if (code === null) return null;
  return {
    status: 200,
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ validationResponse: code }),
  };
}
