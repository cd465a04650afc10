/** Slack: Events API `event_callback` envelopes (api.slack.com/apis/events-api) and a slash command (form). */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

const HEADERS: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'],
];

function callback(f: Fresh, event: Record<string, unknown>): TemplateRequest {
  const team = f.id('T', 10).toUpperCase();
  return {
    body: {
      kind: 'json',
      value: {
        token: f.id('', 24),
        team_id: team,
        api_app_id: f.id('A', 10).toUpperCase(),
        event: { ...event, event_ts: `${f.seconds}.${f.digits(6)}` },
        type: 'event_callback',
        event_id: f.id('Ev', 10).toUpperCase(),
        event_time: f.seconds,
        authorizations: [{ team_id: team, user_id: f.id('U', 10).toUpperCase(), is_bot: true }],
        is_ext_shared_channel: false,
      },
    },
    headers: HEADERS,
  };
}

const user = (f: Fresh) => f.id('U', 10).toUpperCase();
const channel = (f: Fresh) => f.id('C', 10).toUpperCase();
const ts = (f: Fresh) => `${f.seconds}.${f.digits(6)}`;

const templates = (): Template[] => [
  {
    type: 'message',
    description: 'A message was posted in a channel',
    build: (f) =>
      callback(f, {
        type: 'message',
        channel: channel(f),
        user: user(f),
        text: 'Hello world',
        ts: ts(f),
        channel_type: 'channel',
      }),
  },
  {
    type: 'app_mention',
    description: 'The app was @-mentioned',
    build: (f) =>
      callback(f, {
        type: 'app_mention',
        user: user(f),
        text: '<@U0LAN0Z89> is it everything a river should be?',
        ts: ts(f),
        channel: channel(f),
      }),
  },
  {
    type: 'reaction_added',
    description: 'A reaction was added to a message',
    build: (f) =>
      callback(f, {
        type: 'reaction_added',
        user: user(f),
        reaction: 'thumbsup',
        item_user: user(f),
        item: { type: 'message', channel: channel(f), ts: ts(f) },
      }),
  },
  {
    type: 'member_joined_channel',
    description: 'A user joined a channel',
    build: (f) =>
      callback(f, {
        type: 'member_joined_channel',
        user: user(f),
        channel: channel(f),
        channel_type: 'C',
        team: f.id('T', 10).toUpperCase(),
      }),
  },
  {
    type: 'app_home_opened',
    description: "A user opened the app's Home tab",
    build: (f) =>
      callback(f, {
        type: 'app_home_opened',
        user: user(f),
        channel: f.id('D', 10).toUpperCase(),
        tab: 'home',
      }),
  },
  {
    type: 'team_join',
    description: 'A new member joined the workspace',
    build: (f) =>
      callback(f, {
        type: 'team_join',
        user: { id: user(f), name: 'spengler', real_name: 'Egon Spengler', is_bot: false },
      }),
  },
  {
    type: 'slash_command',
    description: 'A slash command was invoked (form-encoded)',
    build: (f) => ({
      body: {
        kind: 'form',
        fields: [
          ['token', f.id('', 24)],
          ['team_id', f.id('T', 10).toUpperCase()],
          ['team_domain', 'example'],
          ['channel_id', channel(f)],
          ['channel_name', 'general'],
          ['user_id', user(f)],
          ['user_name', 'egon'],
          ['command', '/weather'],
          ['text', '94070'],
          ['api_app_id', f.id('A', 10).toUpperCase()],
          ['response_url', `https://hooks.slack.com/commands/1234/${f.digits(13)}/${f.id('', 24)}`],
          ['trigger_id', `${f.digits(13)}.${f.digits(12)}.${f.hex(32)}`],
        ],
      },
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'],
      ],
    }),
  },
];

/** Slack's catalogue. */
export const slackCatalogue: ProviderCatalogue = {
  scheme: 'slack',
  source: 'api.slack.com Events API and slash command examples',
  templates,
};
