/**
 * Linear: data change events (linear.app/developers/webhooks), `type` the entity and `action`
 * the change; `webhookTimestamp` (ms) inside the signed body is what Linear checks for freshness.
 */
import type { Fresh, ProviderCatalogue, Template, TemplateRequest } from '../types';

function change(
  f: Fresh,
  entity: string,
  action: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): TemplateRequest {
  return {
    body: {
      kind: 'json',
      value: {
        action,
        actor: { id: f.uuid(), type: 'user', name: 'Jane Doe' },
        createdAt: f.iso,
        data,
        url: `https://linear.app/acme/${entity.toLowerCase()}/${f.hex(8)}`,
        type: entity,
        organizationId: f.uuid(),
        webhookTimestamp: f.now,
        webhookId: f.uuid(),
        ...extra,
      },
    },
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['User-Agent', 'Linear-Webhook'],
      ['Linear-Delivery', f.uuid()],
      ['Linear-Event', entity],
    ],
  };
}

function issue(f: Fresh, state = 'Todo') {
  return {
    id: f.uuid(),
    createdAt: f.iso,
    updatedAt: f.iso,
    number: Number(f.digits(3)),
    identifier: `ENG-${f.digits(3)}`,
    title: 'Webhook handler drops duplicate deliveries',
    description: 'Steps to reproduce…',
    priority: 2,
    priorityLabel: 'High',
    state: {
      id: f.uuid(),
      name: state,
      type: state === 'Done' ? 'completed' : 'unstarted',
      color: '#e2e2e2',
    },
    team: { id: f.uuid(), key: 'ENG', name: 'Engineering' },
    teamId: f.uuid(),
    labelIds: [],
    assigneeId: f.uuid(),
  };
}

const templates = (): Template[] => [
  {
    type: 'Issue.create',
    description: 'An issue was created',
    build: (f) => change(f, 'Issue', 'create', issue(f)),
  },
  {
    type: 'Issue.update',
    description: 'An issue changed (here: moved to Done)',
    build: (f) =>
      change(f, 'Issue', 'update', issue(f, 'Done'), {
        updatedFrom: { stateId: f.uuid(), updatedAt: f.iso },
      }),
  },
  {
    type: 'Issue.remove',
    description: 'An issue was deleted',
    build: (f) => change(f, 'Issue', 'remove', issue(f)),
  },
  {
    type: 'Comment.create',
    description: 'A comment was added to an issue',
    build: (f) =>
      change(f, 'Comment', 'create', {
        id: f.uuid(),
        createdAt: f.iso,
        updatedAt: f.iso,
        body: 'Looks good to me',
        issueId: f.uuid(),
        userId: f.uuid(),
      }),
  },
  {
    type: 'Project.update',
    description: 'A project changed',
    build: (f) =>
      change(f, 'Project', 'update', {
        id: f.uuid(),
        name: 'Webhooks v2',
        state: 'started',
        progress: 0.4,
        targetDate: '2026-12-31',
        createdAt: f.iso,
        updatedAt: f.iso,
      }),
  },
  {
    type: 'IssueLabel.create',
    description: 'A label was created',
    build: (f) =>
      change(f, 'IssueLabel', 'create', {
        id: f.uuid(),
        name: 'bug',
        color: '#eb5757',
        createdAt: f.iso,
        updatedAt: f.iso,
      }),
  },
];

/** Linear's catalogue. */
export const linearCatalogue: ProviderCatalogue = {
  scheme: 'linear',
  source: 'linear.app developer docs (data change webhooks)',
  templates,
};
