/**
 * Stripe: an Event object (https://docs.stripe.com/api/events/object) wrapping the resource in
 * data.object, shapes as in Stripe's API reference and `stripe trigger` fixtures.
 */
import type { Fresh, ProviderCatalogue, Template } from '../types';

const HEADERS: [string, string][] = [
  ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
  ['Content-Type', 'application/json; charset=utf-8'],
  ['Cache-Control', 'no-cache'],
  ['Accept', '*/*; q=0.5, application/xml'],
];

function event(f: Fresh, type: string, object: Record<string, unknown>, previous?: Record<string, unknown>) {
  return {
    body: {
      kind: 'json' as const,
      value: {
        id: f.id('evt_'),
        object: 'event',
        api_version: '2024-06-20',
        created: f.seconds,
        data: previous ? { object, previous_attributes: previous } : { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: f.id('req_', 14), idempotency_key: f.uuid() },
        type,
      },
    },
    headers: HEADERS,
  };
}

function paymentIntent(f: Fresh, status: string, extra: Record<string, unknown> = {}) {
  return {
    id: f.id('pi_'),
    object: 'payment_intent',
    amount: 2000,
    amount_received: status === 'succeeded' ? 2000 : 0,
    currency: 'usd',
    customer: f.id('cus_', 14),
    description: '(created by hookline trigger)',
    latest_charge: status === 'succeeded' ? f.id('ch_') : null,
    livemode: false,
    metadata: {},
    payment_method: f.id('pm_'),
    payment_method_types: ['card'],
    status,
    created: f.seconds,
    ...extra,
  };
}

function subscription(f: Fresh, status: string) {
  return {
    id: f.id('sub_'),
    object: 'subscription',
    customer: f.id('cus_', 14),
    status,
    cancel_at_period_end: false,
    currency: 'usd',
    current_period_start: f.seconds,
    current_period_end: f.seconds + 30 * 86400,
    items: {
      object: 'list',
      data: [
        {
          id: f.id('si_', 14),
          object: 'subscription_item',
          price: {
            id: f.id('price_'),
            object: 'price',
            currency: 'usd',
            product: f.id('prod_', 14),
            recurring: { interval: 'month', interval_count: 1 },
            unit_amount: 1500,
          },
          quantity: 1,
        },
      ],
      has_more: false,
    },
    latest_invoice: f.id('in_'),
    livemode: false,
    metadata: {},
    created: f.seconds,
  };
}

function invoice(f: Fresh, status: string, paid: boolean) {
  return {
    id: f.id('in_'),
    object: 'invoice',
    amount_due: 1500,
    amount_paid: paid ? 1500 : 0,
    amount_remaining: paid ? 0 : 1500,
    attempt_count: 1,
    billing_reason: 'subscription_cycle',
    currency: 'usd',
    customer: f.id('cus_', 14),
    customer_email: 'jenny.rosen@example.com',
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_${f.id('', 16)}`,
    livemode: false,
    number: `${f.hex(8).toUpperCase()}-0001`,
    paid,
    status,
    subscription: f.id('sub_'),
    total: 1500,
    created: f.seconds,
  };
}

const templates = (): Template[] => [
  {
    type: 'payment_intent.succeeded',
    description: 'A PaymentIntent was paid',
    build: (f) => event(f, 'payment_intent.succeeded', paymentIntent(f, 'succeeded')),
  },
  {
    type: 'payment_intent.payment_failed',
    description: 'A payment attempt failed (card declined)',
    build: (f) =>
      event(
        f,
        'payment_intent.payment_failed',
        paymentIntent(f, 'requires_payment_method', {
          last_payment_error: {
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            type: 'card_error',
          },
        }),
      ),
  },
  {
    type: 'checkout.session.completed',
    description: 'A Checkout Session was completed',
    build: (f) =>
      event(f, 'checkout.session.completed', {
        id: f.id('cs_test_', 58),
        object: 'checkout.session',
        amount_subtotal: 2000,
        amount_total: 2000,
        client_reference_id: null,
        currency: 'usd',
        customer: f.id('cus_', 14),
        customer_details: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen' },
        livemode: false,
        metadata: {},
        mode: 'payment',
        payment_intent: f.id('pi_'),
        payment_status: 'paid',
        status: 'complete',
        success_url: 'https://example.com/success',
        created: f.seconds,
      }),
  },
  {
    type: 'customer.created',
    description: 'A customer was created',
    build: (f) =>
      event(f, 'customer.created', {
        id: f.id('cus_', 14),
        object: 'customer',
        email: 'jenny.rosen@example.com',
        name: 'Jenny Rosen',
        livemode: false,
        metadata: {},
        created: f.seconds,
      }),
  },
  {
    type: 'customer.subscription.created',
    description: 'A subscription was started',
    build: (f) => event(f, 'customer.subscription.created', subscription(f, 'active')),
  },
  {
    type: 'customer.subscription.updated',
    description: 'A subscription changed (here: trial ended)',
    build: (f) =>
      event(f, 'customer.subscription.updated', subscription(f, 'active'), { status: 'trialing' }),
  },
  {
    type: 'customer.subscription.deleted',
    description: 'A subscription ended',
    build: (f) => event(f, 'customer.subscription.deleted', subscription(f, 'canceled')),
  },
  {
    type: 'invoice.paid',
    description: 'An invoice was paid',
    build: (f) => event(f, 'invoice.paid', invoice(f, 'paid', true)),
  },
  {
    type: 'invoice.payment_failed',
    description: 'An invoice payment failed',
    build: (f) => event(f, 'invoice.payment_failed', invoice(f, 'open', false)),
  },
  {
    type: 'charge.refunded',
    description: 'A charge was refunded',
    build: (f) =>
      event(f, 'charge.refunded', {
        id: f.id('ch_'),
        object: 'charge',
        amount: 2000,
        amount_refunded: 2000,
        currency: 'usd',
        paid: true,
        payment_intent: f.id('pi_'),
        refunded: true,
        status: 'succeeded',
        livemode: false,
        created: f.seconds,
      }),
  },
];

/** Stripe's catalogue. */
export const stripeCatalogue: ProviderCatalogue = {
  scheme: 'stripe',
  source: 'Stripe API reference (Event object) and stripe-cli fixtures',
  templates,
};
