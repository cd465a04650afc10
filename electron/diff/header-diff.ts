import type { HeaderChange } from '../../shared/event-diff';
import type { HeaderPair } from '../../shared/types';
import { verificationHeaders } from '../signatures';

// Headers that differ between any two deliveries by design: shown, but marked so the eye skips them.
const PER_DELIVERY = new Set([
  'content-length',
  'date',
  'x-forwarded-for',
  'x-real-ip',
  'x-request-id',
  'traceparent',
  'x-github-delivery',
  'x-shopify-webhook-id',
  'x-shopify-event-id',
  'x-shopify-triggered-at',
  'x-slack-request-timestamp',
  'x-zm-request-timestamp',
  'x-zm-trackingid',
  'linear-delivery',
  'i-twilio-idempotency-token',
  'square-initial-delivery-timestamp',
  'ce-id',
  'ce-time',
]);

const SIGNATURE_HEADERS = new Set(verificationHeaders('auto').map((name) => name.toLowerCase()));

function byName(headers: HeaderPair[]): Map<string, { name: string; value: string }> {
  const map = new Map<string, { name: string; value: string }>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const seen = map.get(key);
    map.set(key, seen ? { name: seen.name, value: `${seen.value}, ${value}` } : { name, value });
  }
  return map;
}

/** Headers that differ, in a's order then b's new ones; names compared case-insensitively. */
export function compareHeaders(a: HeaderPair[], b: HeaderPair[]): HeaderChange[] {
  const left = byName(a);
  const right = byName(b);
  const changes: HeaderChange[] = [];
  const perDelivery = (key: string) => PER_DELIVERY.has(key) || SIGNATURE_HEADERS.has(key);
  for (const [key, { name, value }] of left) {
    const other = right.get(key);
    if (!other)
      changes.push({ kind: 'removed', name, before: value, after: null, perDelivery: perDelivery(key) });
    else if (other.value !== value)
      changes.push({
        kind: 'changed',
        name,
        before: value,
        after: other.value,
        perDelivery: perDelivery(key),
      });
  }
  for (const [key, { name, value }] of right) {
    if (!left.has(key))
      changes.push({ kind: 'added', name, before: null, after: value, perDelivery: perDelivery(key) });
  }
  return changes;
}
