/** Shopify: the REST resource as the body, topic and ids in X-Shopify-* headers (shopify.dev webhook docs). */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

const SHOP = 'hookline-test.myshopify.com';

function delivery(f: Fresh, topic: string, value: Record<string, unknown>): TemplateRequest {
  return {
    body: { kind: 'json', value },
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Shopify-Captain-Hook'],
      ['X-Shopify-Topic', topic],
      ['X-Shopify-Shop-Domain', SHOP],
      ['X-Shopify-API-Version', '2024-07'],
      ['X-Shopify-Webhook-Id', f.uuid()],
      ['X-Shopify-Event-Id', f.uuid()],
      ['X-Shopify-Triggered-At', f.iso],
    ],
  };
}

function order(f: Fresh, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = Number(f.digits(13));
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${f.digits(4)}`,
    email: 'jon@example.com',
    created_at: f.iso,
    updated_at: f.iso,
    currency: 'USD',
    financial_status: 'paid',
    fulfillment_status: null,
    subtotal_price: '199.00',
    total_price: '209.00',
    total_tax: '10.00',
    customer: { id: Number(f.digits(13)), email: 'jon@example.com', first_name: 'Jon', last_name: 'Snow' },
    line_items: [
      {
        id: Number(f.digits(13)),
        product_id: Number(f.digits(13)),
        variant_id: Number(f.digits(13)),
        title: 'IPod Nano - 8GB',
        quantity: 1,
        price: '199.00',
        sku: 'IPOD2008PINK',
      },
    ],
    ...extra,
  };
}

function product(f: Fresh): Record<string, unknown> {
  const id = Number(f.digits(13));
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Product/${id}`,
    title: 'Example T-Shirt',
    body_html: 'An example T-Shirt',
    vendor: 'Acme',
    product_type: 'Shirts',
    handle: 'example-t-shirt',
    status: 'active',
    created_at: f.iso,
    updated_at: f.iso,
    variants: [{ id: Number(f.digits(13)), product_id: id, title: 'Small', price: '19.99', sku: 'TS-S' }],
  };
}

const templates = (): Template[] => [
  {
    type: 'orders/create',
    description: 'An order was placed',
    build: (f) => delivery(f, 'orders/create', order(f)),
  },
  {
    type: 'orders/paid',
    description: "An order's payment was captured",
    build: (f) => delivery(f, 'orders/paid', order(f)),
  },
  {
    type: 'orders/cancelled',
    description: 'An order was cancelled',
    build: (f) =>
      delivery(f, 'orders/cancelled', order(f, { cancelled_at: f.iso, cancel_reason: 'customer' })),
  },
  {
    type: 'orders/fulfilled',
    description: 'An order was fulfilled',
    build: (f) => delivery(f, 'orders/fulfilled', order(f, { fulfillment_status: 'fulfilled' })),
  },
  {
    type: 'products/create',
    description: 'A product was created',
    build: (f) => delivery(f, 'products/create', product(f)),
  },
  {
    type: 'products/update',
    description: 'A product was updated',
    build: (f) => delivery(f, 'products/update', product(f)),
  },
  {
    type: 'customers/create',
    description: 'A customer was created',
    build: (f) =>
      delivery(f, 'customers/create', {
        id: Number(f.digits(13)),
        email: 'bob.norman@example.com',
        first_name: 'Bob',
        last_name: 'Norman',
        created_at: f.iso,
        updated_at: f.iso,
        state: 'enabled',
        verified_email: true,
      }),
  },
  {
    type: 'app/uninstalled',
    description: 'The app was uninstalled from the shop',
    build: (f) =>
      delivery(f, 'app/uninstalled', {
        id: Number(f.digits(9)),
        name: 'Hookline Test',
        email: 'owner@example.com',
        domain: SHOP,
        myshopify_domain: SHOP,
      }),
  },
];

/** Shopify's catalogue. */
export const shopifyCatalogue: ProviderCatalogue = {
  scheme: 'shopify',
  source: 'shopify.dev webhook topic examples',
  templates,
};
