/**
 * Provider delivery ids and event types, for de-duplication and for telling agents what arrived.
 * Everything read here is untrusted and only ever returned as strings.
 */
import type { HeaderPair, ProviderName } from '../../shared/types';
import { bodyJson, isRecord, stringField, utf8Text } from './bytes';
import { cloudEventAttributes } from './cloud-events';
import { cleanHeaders, firstHeader } from './headers';
import { detectFrom, resolveProvider } from './registry';

/** A delivery id, event type and source; any may be unknown. */
export interface EventInfo {
  id: string | null;
  type: string | null;
  /** Where the event comes from (CloudEvents `source`). */
  source?: string | null;
  /**
   * The provider the request is attributable to by its own delivery headers when no signature said
   * so (an unsigned GitHub delivery still carries X-GitHub-Delivery); null when nothing names one.
   */
  attributedTo?: ProviderName | null;
}

/**
 * Providers recognisable by delivery headers that only they send, signed or not. Signature schemes
 * are detected elsewhere; this is what lets unsigned redeliveries still be told apart as duplicates.
 */
const DELIVERY_HEADERS: readonly [ProviderName, readonly string[]][] = [
  ['github', ['x-github-delivery', 'x-github-event']],
  ['shopify', ['x-shopify-webhook-id', 'x-shopify-topic']],
  ['linear', ['linear-delivery']],
  ['standard-webhooks', ['webhook-id', 'svix-id']],
];

function attributeByHeaders(headers: HeaderPair[]): ProviderName | null {
  for (const [provider, names] of DELIVERY_HEADERS) {
    if (names.some((name) => firstHeader(headers, name) !== null)) return provider;
  }
  return null;
}

const MAX_LENGTH = 200;

/** JSON body as an object (or the first element of an array of events, e.g. Twilio Event Streams). */
function jsonBody(body: Uint8Array): Record<string, unknown> | null {
  const value = bodyJson(body);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return isRecord(first) ? first : null;
}

/** Form body fields (Slack commands, Twilio, Paddle Classic). */
function formBody(body: Uint8Array): URLSearchParams | null {
  const text = utf8Text(body);
  return text !== null && /^[^{[\s][^=&]*=/.test(text) ? new URLSearchParams(text) : null;
}

function fromForm(form: URLSearchParams | null, ...names: string[]): string | null {
  for (const name of names) {
    const value = form?.get(name);
    if (value) return value;
  }
  return null;
}

function nested(obj: Record<string, unknown> | null, key: string): Record<string, unknown> | null {
  const value = obj?.[key];
  return isRecord(value) ? value : null;
}

function extract(provider: ProviderName | null, headers: HeaderPair[], body: Uint8Array): EventInfo {
  const json = jsonBody(body);
  const cloudEvent = cloudEventAttributes(headers, json);
  // A CloudEvent names itself; a provider's own ids still win when it also speaks CloudEvents.
  if (cloudEvent && (provider === null || provider === 'generic')) return cloudEvent;
  const info = extractProvider(provider, headers, json, body);
  return cloudEvent
    ? { id: info.id ?? cloudEvent.id, type: info.type ?? cloudEvent.type, source: cloudEvent.source }
    : info;
}

function extractProvider(
  provider: ProviderName | null,
  headers: HeaderPair[],
  json: Record<string, unknown> | null,
  body: Uint8Array,
): EventInfo {
  const header = (name: string) => firstHeader(headers, name);
  switch (provider) {
    case 'github':
      return { id: header('x-github-delivery'), type: header('x-github-event') };
    case 'stripe':
      return { id: stringField(json, 'id'), type: stringField(json, 'type') };
    case 'standard-webhooks':
      return {
        id: header('webhook-id') ?? header('svix-id'),
        type: stringField(json, 'type') ?? stringField(json, 'eventType'),
      };
    case 'shopify':
      return {
        id: header('x-shopify-webhook-id') ?? header('x-shopify-event-id'),
        type: header('x-shopify-topic'),
      };
    case 'slack': {
      if (json)
        return {
          id: stringField(json, 'event_id'),
          type: stringField(nested(json, 'event'), 'type') ?? stringField(json, 'type'),
        };
      const form = formBody(body);
      const payloadText = fromForm(form, 'payload');
      const payload = payloadText ? jsonBody(Buffer.from(payloadText)) : null;
      if (payload) return { id: stringField(payload, 'trigger_id'), type: stringField(payload, 'type') };
      return { id: fromForm(form, 'trigger_id'), type: fromForm(form, 'command') ? 'slash_command' : null };
    }
    case 'twilio': {
      if (json) return { id: stringField(json, 'id'), type: stringField(json, 'type') };
      const form = formBody(body);
      const status = fromForm(form, 'MessageStatus', 'SmsStatus', 'CallStatus');
      const kind = fromForm(form, 'CallStatus') && !fromForm(form, 'MessageStatus') ? 'call' : 'message';
      return {
        id: header('i-twilio-idempotency-token') ?? fromForm(form, 'MessageSid', 'SmsSid', 'CallSid', 'Sid'),
        type: status ? `${kind}.${status}` : null,
      };
    }
    case 'paddle': {
      if (json) return { id: stringField(json, 'event_id'), type: stringField(json, 'event_type') };
      const form = formBody(body);
      return { id: fromForm(form, 'alert_id'), type: fromForm(form, 'alert_name') };
    }
    case 'linear': {
      // Linear's type names the entity ("Issue") and action the change ("create"): both are needed.
      const type = header('linear-event') ?? stringField(json, 'type');
      const action = stringField(json, 'action');
      return {
        id: header('linear-delivery') ?? stringField(json, 'webhookId'),
        type: type && action ? `${type}.${action}` : type,
      };
    }
    case 'square':
      return { id: stringField(json, 'event_id'), type: stringField(json, 'type') };
    case 'zoom':
      return { id: header('x-zm-trackingid'), type: stringField(json, 'event') };
    case 'intercom':
      return { id: stringField(json, 'id'), type: stringField(json, 'topic') };
    default:
      // No scheme defines a body field as the delivery id here: a body's `id` names the business
      // object (a task updated twice is two deliveries), so only delivery headers count.
      return {
        id:
          header('idempotency-key') ??
          header('webhook-id') ??
          header('x-webhook-id') ??
          // Azure Event Grid (named by its aeg-event-type header) defines the body's `id` as the event id.
          (header('aeg-event-type') ? stringField(json, 'id') : null),
        type:
          stringField(json, 'type') ??
          stringField(json, 'event') ??
          stringField(json, 'event_type') ??
          stringField(json, 'eventType'),
      };
  }
}

/** Provider delivery id and event type when the headers/body carry them. */
export function providerEventInfo(
  provider: ProviderName | null,
  headers: HeaderPair[],
  body: Uint8Array,
): EventInfo {
  try {
    const clean = cleanHeaders(headers);
    const bytes = body instanceof Uint8Array ? body : new Uint8Array();
    const name = provider === null ? null : resolveProvider(provider);
    const detected = name === null || name === 'auto' ? (detectFrom(clean, bytes)?.name ?? null) : name;
    const attributedTo = detected === null ? attributeByHeaders(clean) : null;
    const info = extract(detected ?? attributedTo, clean, bytes);
    const clip = (value: string | null | undefined) => (value ? value.slice(0, MAX_LENGTH) : null);
    const out: EventInfo = { id: clip(info.id), type: clip(info.type), source: clip(info.source) };
    return attributedTo ? { ...out, attributedTo } : out;
  } catch {
    return { id: null, type: null, source: null };
  }
}
