/**
 * Subscription handshakes answered by the real receiver (CloudEvents, Event Grid, Slack), each
 * still stored and marked; CloudEvents attributes read from binary and structured requests.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';

describe('handshakes at the receiver', () => {
  it('answers CloudEvents webhook validation (OPTIONS) and stores the request marked as a handshake', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'ce' }, 'cli');
    const res = await fetch(url(endpoint.id), {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'eventemitter.example.com', 'WebHook-Request-Rate': '120' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('webhook-allowed-origin')).toBe('eventemitter.example.com');
    expect(res.headers.get('webhook-allowed-rate')).toBe('*');
    const [stored] = inbox.listEvents({ endpointIds: [endpoint.id] });
    expect(stored).toMatchObject({
      method: 'OPTIONS',
      handshake: 'cloudevents.validation',
      responseStatus: 200,
    });
    const shown = runCli(home, ['events', 'show', stored?.id ?? '']);
    expect(shown.stdout).toContain('Handshake:  cloudevents.validation (answered automatically with 200)');
    expect(runCli(home, ['events', 'list']).stdout).toContain('pending (cloudevents.validation answered)');
  });

  it('does not treat a plain OPTIONS (a CORS preflight) as a handshake', async () => {
    const { inbox, url } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'plain' }, 'cli');
    const res = await fetch(url(endpoint.id), { method: 'OPTIONS' });
    expect(res.headers.get('webhook-allowed-origin')).toBeNull();
    expect(inbox.listEvents({ endpointIds: [endpoint.id] })[0]?.handshake).toBeNull();
  });

  it('echoes an Azure Event Grid validationCode as validationResponse', async () => {
    const { inbox, url } = await startInboxServer();
    const endpoint = inbox.createEndpoint(
      { label: 'grid', response: { status: 202, headers: [], body: 'queued', delayMs: 0 } },
      'cli',
    );
    const body = JSON.stringify([
      {
        id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
        topic: '/subscriptions/xxx/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct',
        subject: '',
        data: {
          validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6',
          validationUrl: 'https://rp-eastus2.eventgrid.azure.net/validate?id=512d38b6',
        },
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: '2018-01-25T22:12:19.4556811Z',
        metadataVersion: '1',
        dataVersion: '1',
      },
    ]);
    const res = await fetch(url(endpoint.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation' },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
    expect(inbox.listEvents({ endpointIds: [endpoint.id] })[0]).toMatchObject({
      handshake: 'eventgrid.subscription_validation',
      providerEventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
      providerEventId: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
    });
  });

  it('marks Slack url_verification (still answered with the challenge)', async () => {
    const { inbox, url } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'slack', provider: 'slack' }, 'cli');
    const res = await fetch(url(endpoint.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url_verification', challenge: 'ch-123', token: 't' }),
    });
    expect(await res.text()).toBe('ch-123');
    expect(inbox.listEvents({ endpointIds: [endpoint.id] })[0]?.handshake).toBe('slack.url_verification');
  });
});

describe('CloudEvents attributes', () => {
  it('reads ce-* headers (binary mode) and structured bodies into id, type and source; duplicates by id', async () => {
    const { inbox, url, home } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'ce-events' }, 'cli');
    const binary = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'ce-specversion': '1.0',
        'ce-id': 'A234-1234-1234',
        'ce-type': 'com.example.object.deleted.v2',
        'ce-source': 'https://github.com/cloudevents/spec/pull',
      },
      body: '{"name":"x"}',
    };
    await fetch(url(endpoint.id), binary);
    await fetch(url(endpoint.id), binary);
    await fetch(url(endpoint.id), {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      body: JSON.stringify({
        specversion: '1.0',
        id: 'B-1',
        type: 'com.github.pull_request.opened',
        source: '/cloudevents/spec/pull',
        data: {},
      }),
    });
    const [structured, second, first] = inbox.listEvents({ endpointIds: [endpoint.id], order: 'desc' });
    expect(first).toMatchObject({
      providerEventId: 'A234-1234-1234',
      providerEventType: 'com.example.object.deleted.v2',
      providerEventSource: 'https://github.com/cloudevents/spec/pull',
      duplicateOf: null,
    });
    expect(second?.duplicateOf).toBe(first?.id);
    expect(structured).toMatchObject({
      providerEventId: 'B-1',
      providerEventType: 'com.github.pull_request.opened',
      providerEventSource: '/cloudevents/spec/pull',
    });
    expect(runCli(home, ['events', 'show', structured?.id ?? '']).stdout).toContain(
      'Source:     /cloudevents/spec/pull',
    );
  });
});
