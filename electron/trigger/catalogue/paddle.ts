/** Paddle Billing: notification events (developer.paddle.com/webhooks), signed with Paddle-Signature. */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function notification(f: Fresh, type: string, data: Record<string, unknown>): TemplateRequest {
  return {
    body: {
      kind: 'json',
      value: {
        event_id: f.id('evt_', 26).toLowerCase(),
        event_type: type,
        occurred_at: f.iso,
        notification_id: f.id('ntf_', 26).toLowerCase(),
        data,
      },
    },
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Paddle'],
    ],
  };
}

function subscription(f: Fresh, status: string) {
  return {
    id: f.id('sub_', 26).toLowerCase(),
    status,
    customer_id: f.id('ctm_', 26).toLowerCase(),
    address_id: f.id('add_', 26).toLowerCase(),
    currency_code: 'USD',
    created_at: f.iso,
    updated_at: f.iso,
    started_at: f.iso,
    first_billed_at: f.iso,
    next_billed_at: new Date(f.now + 30 * 86_400_000).toISOString(),
    collection_mode: 'automatic',
    billing_cycle: { interval: 'month', frequency: 1 },
    items: [
      {
        status: 'active',
        quantity: 1,
        recurring: true,
        price: {
          id: f.id('pri_', 26).toLowerCase(),
          product_id: f.id('pro_', 26).toLowerCase(),
          unit_price: { amount: '3000', currency_code: 'USD' },
        },
      },
    ],
    custom_data: null,
  };
}

function transaction(f: Fresh, status: string) {
  return {
    id: f.id('txn_', 26).toLowerCase(),
    status,
    customer_id: f.id('ctm_', 26).toLowerCase(),
    subscription_id: f.id('sub_', 26).toLowerCase(),
    invoice_number: status === 'completed' ? `325-${f.digits(5)}` : null,
    currency_code: 'USD',
    origin: 'subscription_recurring',
    collection_mode: 'automatic',
    created_at: f.iso,
    updated_at: f.iso,
    billed_at: f.iso,
    details: { totals: { subtotal: '3000', tax: '0', total: '3000', currency_code: 'USD' } },
  };
}

const templates = (): Template[] => [
  {
    type: 'transaction.completed',
    description: 'A transaction was paid and processed',
    build: (f) => notification(f, 'transaction.completed', transaction(f, 'completed')),
  },
  {
    type: 'transaction.payment_failed',
    description: 'A payment attempt on a transaction failed',
    build: (f) => notification(f, 'transaction.payment_failed', transaction(f, 'past_due')),
  },
  {
    type: 'subscription.created',
    description: 'A subscription was created',
    build: (f) => notification(f, 'subscription.created', subscription(f, 'active')),
  },
  {
    type: 'subscription.updated',
    description: 'A subscription was updated',
    build: (f) => notification(f, 'subscription.updated', subscription(f, 'active')),
  },
  {
    type: 'subscription.canceled',
    description: 'A subscription was canceled',
    build: (f) =>
      notification(f, 'subscription.canceled', { ...subscription(f, 'canceled'), canceled_at: f.iso }),
  },
  {
    type: 'customer.created',
    description: 'A customer was created',
    build: (f) =>
      notification(f, 'customer.created', {
        id: f.id('ctm_', 26).toLowerCase(),
        name: 'Sam Miller',
        email: 'sam@example.com',
        status: 'active',
        locale: 'en',
        created_at: f.iso,
        updated_at: f.iso,
        custom_data: null,
      }),
  },
];

/** Paddle's catalogue. */
export const paddleCatalogue: ProviderCatalogue = {
  scheme: 'paddle',
  source: 'developer.paddle.com webhook event examples (Paddle Billing)',
  templates,
};
