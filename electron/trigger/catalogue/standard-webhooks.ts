/**
 * Standard Webhooks senders: Clerk's events (delivered by Svix, `svix-*` headers) and the
 * spec's own `webhook-*` family; body shapes from Clerk's webhook docs and the spec's examples.
 * The webhook id goes in the header before signing: the signer keeps it (receivers dedupe on it).
 */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

/** Which header family a send uses: Svix/Clerk send `svix-*`, other senders `webhook-*`. */
export type HeaderFamily = 'svix' | 'webhook';

function envelope(f: Fresh, family: HeaderFamily, value: Record<string, unknown>): TemplateRequest {
  return {
    body: { kind: 'json', value },
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', family === 'svix' ? 'Svix-Webhooks/1.38.0' : 'Standard-Webhooks'],
      [`${family}-id`, f.id('msg_', 27)],
    ],
  };
}

function clerkUser(f: Fresh) {
  return {
    id: f.id('user_', 27),
    object: 'user',
    first_name: 'Example',
    last_name: 'Example',
    username: null,
    email_addresses: [
      {
        id: f.id('idn_', 27),
        object: 'email_address',
        email_address: 'example@example.org',
        verification: { status: 'verified', strategy: 'ticket' },
      },
    ],
    primary_email_address_id: f.id('idn_', 27),
    created_at: f.now,
    updated_at: f.now,
    last_sign_in_at: null,
    public_metadata: {},
  };
}

function clerkEvent(f: Fresh, family: HeaderFamily, type: string, data: Record<string, unknown>) {
  return envelope(f, family, {
    data,
    instance_id: f.id('ins_', 27),
    object: 'event',
    timestamp: f.now,
    type,
  });
}

/** Templates, sent with the given header family. */
export function standardWebhooksTemplates(family: HeaderFamily): Template[] {
  return [
    {
      type: 'user.created',
      description: 'Clerk: a user signed up',
      build: (f) => clerkEvent(f, family, 'user.created', clerkUser(f)),
    },
    {
      type: 'user.updated',
      description: 'Clerk: a user changed their profile',
      build: (f) => clerkEvent(f, family, 'user.updated', clerkUser(f)),
    },
    {
      type: 'user.deleted',
      description: 'Clerk: a user was deleted',
      build: (f) =>
        clerkEvent(f, family, 'user.deleted', { id: f.id('user_', 27), object: 'user', deleted: true }),
    },
    {
      type: 'session.created',
      description: 'Clerk: a user signed in',
      build: (f) =>
        clerkEvent(f, family, 'session.created', {
          id: f.id('sess_', 27),
          object: 'session',
          user_id: f.id('user_', 27),
          client_id: f.id('client_', 27),
          status: 'active',
          created_at: f.now,
          updated_at: f.now,
          expire_at: f.now + 7 * 86_400_000,
          last_active_at: f.now,
        }),
    },
    {
      type: 'organization.created',
      description: 'Clerk: an organization was created',
      build: (f) =>
        clerkEvent(f, family, 'organization.created', {
          id: f.id('org_', 27),
          object: 'organization',
          name: 'Acme Inc',
          slug: 'acme-inc',
          created_by: f.id('user_', 27),
          created_at: f.now,
          updated_at: f.now,
        }),
    },
    {
      type: 'invoice.paid',
      description: "The Standard Webhooks spec's example payload",
      build: (f) =>
        envelope(f, family, {
          type: 'invoice.paid',
          timestamp: f.iso,
          data: { invoice_id: f.id('inv_', 20), amount: 1500, currency: 'USD' },
        }),
    },
  ];
}

/** The Standard Webhooks catalogue (webhook-* headers); `svix` and `clerk` use svix-* headers. */
export const standardWebhooksCatalogue: ProviderCatalogue = {
  scheme: 'standard-webhooks',
  source: "Clerk's webhook event docs and the Standard Webhooks spec",
  templates: () => standardWebhooksTemplates('webhook'),
};
