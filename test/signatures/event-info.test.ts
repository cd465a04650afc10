/** providerEventInfo: delivery ids and event types from each provider's headers or body. */
import { describe, expect, it } from 'vitest';
import { providerEventInfo } from '../../electron/signatures';
import type { HeaderPair, ProviderName } from '../../shared/types';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const form = (value: Record<string, string>) => Buffer.from(new URLSearchParams(value).toString());

describe('providerEventInfo', () => {
  const cases: [ProviderName | null, HeaderPair[], Uint8Array, { id: string | null; type: string | null }][] =
    [
      [
        'github',
        [
          ['X-GitHub-Delivery', 'd-1'],
          ['X-GitHub-Event', 'push'],
        ],
        json({ ref: 'x' }),
        { id: 'd-1', type: 'push' },
      ],
      ['stripe', [], json({ id: 'evt_1', type: 'invoice.paid' }), { id: 'evt_1', type: 'invoice.paid' }],
      [
        'standard-webhooks',
        [['svix-id', 'msg_1']],
        json({ type: 'user.created' }),
        { id: 'msg_1', type: 'user.created' },
      ],
      [
        'shopify',
        [
          ['X-Shopify-Webhook-Id', 'w1'],
          ['X-Shopify-Topic', 'orders/create'],
        ],
        json({}),
        { id: 'w1', type: 'orders/create' },
      ],
      [
        'slack',
        [],
        json({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message' } }),
        { id: 'Ev1', type: 'message' },
      ],
      [
        'slack',
        [],
        json({ type: 'url_verification', challenge: 'c' }),
        { id: null, type: 'url_verification' },
      ],
      ['slack', [], form({ command: '/deploy', trigger_id: 't1' }), { id: 't1', type: 'slash_command' }],
      [
        'twilio',
        [],
        form({ MessageSid: 'SM1', MessageStatus: 'delivered' }),
        { id: 'SM1', type: 'message.delivered' },
      ],
      [
        'twilio',
        [],
        form({ CallSid: 'CA1', CallStatus: 'completed' }),
        { id: 'CA1', type: 'call.completed' },
      ],
      [
        'paddle',
        [],
        json({ event_id: 'evt_01', event_type: 'subscription.created' }),
        { id: 'evt_01', type: 'subscription.created' },
      ],
      [
        'linear',
        [
          ['Linear-Delivery', 'ld1'],
          ['Linear-Event', 'Issue'],
        ],
        json({ type: 'Issue', action: 'update' }),
        { id: 'ld1', type: 'Issue.update' },
      ],
      [
        'square',
        [],
        json({ event_id: 'sq1', type: 'payment.created' }),
        { id: 'sq1', type: 'payment.created' },
      ],
      [
        'zoom',
        [['x-zm-trackingid', 'z1']],
        json({ event: 'meeting.ended' }),
        { id: 'z1', type: 'meeting.ended' },
      ],
      [
        'intercom',
        [],
        json({ id: 'notif_1', topic: 'contact.created' }),
        { id: 'notif_1', type: 'contact.created' },
      ],
      // A body's `id` names the business object, not the delivery (issue 13): only delivery headers count.
      ['generic', [], json({ id: 'g1', event: 'notify' }), { id: null, type: 'notify' }],
      [
        'generic',
        [['Idempotency-Key', 'k1']],
        json({ id: 'g1', event: 'notify' }),
        { id: 'k1', type: 'notify' },
      ],
      [
        null,
        [
          ['X-GitHub-Delivery', 'd-2'],
          ['X-GitHub-Event', 'ping'],
          ['X-Hub-Signature-256', 'sha256=00'],
        ],
        json({}),
        { id: 'd-2', type: 'ping' },
      ],
      [
        'auto',
        [['Stripe-Signature', 't=1,v1=00']],
        json({ id: 'evt_9', type: 'x.y' }),
        { id: 'evt_9', type: 'x.y' },
      ],
      ['stripe', [], Buffer.from('not json'), { id: null, type: null }],
    ];
  it.each(cases)('%s %j', (provider, headers, body, expected) => {
    expect(providerEventInfo(provider, headers, body)).toEqual({ source: null, ...expected });
  });

  it('clips absurdly long values', () => {
    const info = providerEventInfo('stripe', [], json({ id: 'x'.repeat(10_000), type: 't' }));
    expect(info.id?.length).toBe(200);
  });
});
