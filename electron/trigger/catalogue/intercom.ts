/** Intercom: notification_event envelopes (developers.intercom.com webhook topics), signed X-Hub-Signature. */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function notification(f: Fresh, topic: string, item: Record<string, unknown>): TemplateRequest {
  return {
    body: {
      kind: 'json',
      value: {
        type: 'notification_event',
        app_id: f.id('', 8).toLowerCase(),
        data: { type: 'notification_event_data', item },
        links: {},
        id: f.id('notif_', 36).toLowerCase(),
        topic,
        delivery_status: 'pending',
        delivery_attempts: 1,
        delivered_at: 0,
        first_sent_at: f.seconds,
        created_at: f.seconds,
        self: null,
      },
    },
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Intercom-Webhooks-Ruby-Client'],
    ],
  };
}

function conversation(f: Fresh, state = 'open') {
  return {
    type: 'conversation',
    id: f.digits(12),
    created_at: f.seconds,
    updated_at: f.seconds,
    state,
    open: state === 'open',
    read: false,
    source: {
      type: 'conversation',
      id: f.digits(9),
      delivered_as: 'customer_initiated',
      body: '<p>Hi, my webhook is not arriving</p>',
      author: { type: 'user', id: f.hex(24), name: 'Sam', email: 'sam@example.com' },
    },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: f.hex(24) }] },
  };
}

function contact(f: Fresh, role: string) {
  return {
    type: 'contact',
    id: f.hex(24),
    role,
    email: 'joe@example.com',
    name: 'Joe Example',
    created_at: f.seconds,
    updated_at: f.seconds,
  };
}

const templates = (): Template[] => [
  {
    type: 'conversation.user.created',
    description: 'A user started a conversation',
    build: (f) => notification(f, 'conversation.user.created', conversation(f)),
  },
  {
    type: 'conversation.user.replied',
    description: 'A user replied to a conversation',
    build: (f) => notification(f, 'conversation.user.replied', conversation(f)),
  },
  {
    type: 'conversation.admin.replied',
    description: 'An admin replied to a conversation',
    build: (f) => notification(f, 'conversation.admin.replied', conversation(f)),
  },
  {
    type: 'conversation.admin.closed',
    description: 'An admin closed a conversation',
    build: (f) => notification(f, 'conversation.admin.closed', conversation(f, 'closed')),
  },
  {
    type: 'contact.user.created',
    description: 'A user was created',
    build: (f) => notification(f, 'contact.user.created', contact(f, 'user')),
  },
  {
    type: 'contact.lead.created',
    description: 'A lead was created',
    build: (f) => notification(f, 'contact.lead.created', contact(f, 'lead')),
  },
];

/** Intercom's catalogue. */
export const intercomCatalogue: ProviderCatalogue = {
  scheme: 'intercom',
  source: 'developers.intercom.com webhook topic examples',
  templates,
};
