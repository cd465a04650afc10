/**
 * Twilio: status callbacks and incoming-message webhooks, form-encoded with Twilio's field names
 * (twilio.com/docs/messaging/guides/track-outbound-message-status, voice status callbacks).
 */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function form(f: Fresh, fields: [string, string][]): TemplateRequest {
  return {
    body: { kind: 'form', fields },
    headers: [
      ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'],
      ['User-Agent', 'TwilioProxy/1.1'],
      ['I-Twilio-Idempotency-Token', f.uuid()],
    ],
  };
}

const account = (f: Fresh) => `AC${f.hex(32)}`;

function messageStatus(f: Fresh, status: string, extra: [string, string][] = []): TemplateRequest {
  const sid = `SM${f.hex(32)}`;
  return form(f, [
    ['AccountSid', account(f)],
    ['ApiVersion', '2010-04-01'],
    ['From', '+15017122661'],
    ['MessageSid', sid],
    ['MessageStatus', status],
    ['SmsSid', sid],
    ['SmsStatus', status],
    ['To', '+15558675310'],
    ...extra,
  ]);
}

function callStatus(f: Fresh, status: string, extra: [string, string][] = []): TemplateRequest {
  return form(f, [
    ['AccountSid', account(f)],
    ['ApiVersion', '2010-04-01'],
    ['CallSid', `CA${f.hex(32)}`],
    ['CallStatus', status],
    ['Called', '+15558675310'],
    ['Caller', '+15017122661'],
    ['Direction', 'outbound-api'],
    ['From', '+15017122661'],
    ['To', '+15558675310'],
    ['Timestamp', new Date(f.now).toUTCString()],
    ...extra,
  ]);
}

const templates = (): Template[] => [
  {
    type: 'message.received',
    description: 'An incoming SMS (the Messaging webhook)',
    build: (f) => {
      const sid = `SM${f.hex(32)}`;
      return form(f, [
        ['ToCountry', 'US'],
        ['SmsMessageSid', sid],
        ['NumMedia', '0'],
        ['SmsSid', sid],
        ['SmsStatus', 'received'],
        ['Body', 'Hello from Hookline'],
        ['To', '+15017122661'],
        ['NumSegments', '1'],
        ['MessageSid', sid],
        ['AccountSid', account(f)],
        ['From', '+15558675310'],
        ['ApiVersion', '2010-04-01'],
      ]);
    },
  },
  {
    type: 'message.sent',
    description: 'Message status callback: sent',
    build: (f) => messageStatus(f, 'sent'),
  },
  {
    type: 'message.delivered',
    description: 'Message status callback: delivered',
    build: (f) => messageStatus(f, 'delivered'),
  },
  {
    type: 'message.undelivered',
    description: 'Message status callback: undelivered (error 30003)',
    build: (f) => messageStatus(f, 'undelivered', [['ErrorCode', '30003']]),
  },
  {
    type: 'message.failed',
    description: 'Message status callback: failed (error 30008)',
    build: (f) => messageStatus(f, 'failed', [['ErrorCode', '30008']]),
  },
  {
    type: 'call.ringing',
    description: 'Call status callback: ringing',
    build: (f) => callStatus(f, 'ringing'),
  },
  {
    type: 'call.completed',
    description: 'Call status callback: completed',
    build: (f) => callStatus(f, 'completed', [['CallDuration', '42']]),
  },
];

/** Twilio's catalogue. */
export const twilioCatalogue: ProviderCatalogue = {
  scheme: 'twilio',
  source: 'twilio.com status callback and incoming message parameters',
  templates,
};
