/** Zoom: event notifications (developers.zoom.us webhooks), `event` + `payload.object`. */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function notification(f: Fresh, event: string, object: Record<string, unknown>): TemplateRequest {
  return {
    body: {
      kind: 'json',
      value: { event, event_ts: f.now, payload: { account_id: f.id('', 22), object } },
    },
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['User-Agent', 'Zoom Marketplace/1.0a'],
      ['x-zm-trackingid', `v=2.0&s=${f.hex(32)}&c=${f.id('', 12)}`],
    ],
  };
}

function meeting(f: Fresh, extra: Record<string, unknown> = {}) {
  return {
    id: Number(f.digits(11)),
    uuid: `${f.id('', 22)}==`,
    host_id: f.id('', 22),
    topic: 'Webhook review',
    type: 2,
    start_time: f.iso,
    duration: 60,
    timezone: 'UTC',
    ...extra,
  };
}

const templates = (): Template[] => [
  {
    type: 'meeting.started',
    description: 'A meeting started',
    build: (f) => notification(f, 'meeting.started', meeting(f)),
  },
  {
    type: 'meeting.ended',
    description: 'A meeting ended',
    build: (f) => notification(f, 'meeting.ended', meeting(f, { end_time: f.iso })),
  },
  {
    type: 'meeting.created',
    description: 'A meeting was scheduled',
    build: (f) =>
      notification(f, 'meeting.created', meeting(f, { join_url: 'https://zoom.us/j/1234567890' })),
  },
  {
    type: 'meeting.participant_joined',
    description: 'Someone joined a meeting',
    build: (f) =>
      notification(f, 'meeting.participant_joined', {
        ...meeting(f),
        participant: {
          user_id: f.digits(8),
          user_name: 'Jill Chill',
          id: f.id('', 22),
          join_time: f.iso,
          email: 'jchill@example.com',
        },
      }),
  },
  {
    type: 'recording.completed',
    description: 'A cloud recording is ready',
    build: (f) =>
      notification(f, 'recording.completed', {
        ...meeting(f),
        recording_count: 1,
        share_url: 'https://zoom.us/rec/share/example',
        total_size: 529758,
        recording_files: [
          {
            id: f.uuid(),
            recording_start: f.iso,
            recording_end: f.iso,
            file_type: 'MP4',
            file_size: 529758,
            download_url: 'https://zoom.us/rec/download/example',
            status: 'completed',
            recording_type: 'shared_screen_with_speaker_view',
          },
        ],
      }),
  },
];

/** Zoom's catalogue. */
export const zoomCatalogue: ProviderCatalogue = {
  scheme: 'zoom',
  source: 'developers.zoom.us webhook event examples',
  templates,
};
