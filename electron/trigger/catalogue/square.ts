/** Square: event notifications (developer.squareup.com/docs/webhooks), data.object keyed by the type. */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function notification(
  f: Fresh,
  type: string,
  objectType: string,
  object: Record<string, unknown>,
): TemplateRequest {
  return {
    body: {
      kind: 'json',
      value: {
        merchant_id: f.id('', 13).toUpperCase(),
        type,
        event_id: f.uuid(),
        created_at: f.iso,
        data: { type: objectType, id: String(object.id ?? ''), object: { [objectType]: object } },
      },
    },
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Square Connect v2'],
      ['Square-Version', '2024-07-17'],
      ['Square-Initial-Delivery-Timestamp', f.iso],
      ['Square-Retry-Number', '0'],
    ],
  };
}

function payment(f: Fresh, status: string) {
  return {
    id: f.id('', 29),
    created_at: f.iso,
    updated_at: f.iso,
    amount_money: { amount: 100, currency: 'USD' },
    total_money: { amount: 100, currency: 'USD' },
    status,
    source_type: 'CARD',
    location_id: f.id('L', 12).toUpperCase(),
    order_id: f.id('', 29),
    version: 1,
  };
}

const templates = (): Template[] => [
  {
    type: 'payment.created',
    description: 'A payment was created',
    build: (f) => notification(f, 'payment.created', 'payment', payment(f, 'APPROVED')),
  },
  {
    type: 'payment.updated',
    description: 'A payment changed (here: completed)',
    build: (f) => notification(f, 'payment.updated', 'payment', payment(f, 'COMPLETED')),
  },
  {
    type: 'refund.created',
    description: 'A refund was requested',
    build: (f) =>
      notification(f, 'refund.created', 'refund', {
        id: f.id('', 29),
        amount_money: { amount: 100, currency: 'USD' },
        payment_id: f.id('', 29),
        status: 'PENDING',
        created_at: f.iso,
        updated_at: f.iso,
      }),
  },
  {
    type: 'order.created',
    description: 'An order was created',
    build: (f) =>
      notification(f, 'order.created', 'order_created', {
        id: f.id('', 29),
        order_id: f.id('', 29),
        location_id: f.id('L', 12).toUpperCase(),
        state: 'OPEN',
        version: 1,
        created_at: f.iso,
      }),
  },
  {
    type: 'customer.created',
    description: 'A customer was created',
    build: (f) =>
      notification(f, 'customer.created', 'customer', {
        id: f.id('', 26).toUpperCase(),
        given_name: 'Amelia',
        family_name: 'Earhart',
        email_address: 'Amelia.Earhart@example.com',
        created_at: f.iso,
        updated_at: f.iso,
      }),
  },
  {
    type: 'invoice.payment_made',
    description: 'An invoice was paid',
    build: (f) =>
      notification(f, 'invoice.payment_made', 'invoice', {
        id: `inv:0-${f.id('', 22)}`,
        status: 'PAID',
        version: 2,
        location_id: f.id('L', 12).toUpperCase(),
        order_id: f.id('', 29),
        created_at: f.iso,
        updated_at: f.iso,
      }),
  },
];

/** Square's catalogue. */
export const squareCatalogue: ProviderCatalogue = {
  scheme: 'square',
  source: 'developer.squareup.com webhook event examples',
  templates,
};
