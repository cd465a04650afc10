import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api';
import { type SuiteServe, startSuiteServe, suiteHome } from './suite-serve';

// The wire shape the endpoint dialog marks fields from: {error: {code, message, field?, issues?}}.
describe('UI API errors name the fields at fault', () => {
  let serve: SuiteServe;
  const call = async (method: string, params: unknown) => {
    const res = await fetch(`http://127.0.0.1:${serve.uiPort}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
      body: JSON.stringify(params),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const error = async (method: string, params: unknown) => {
    const { status, body } = await call(method, params);
    expect(status).toBeGreaterThanOrEqual(400);
    return { status, error: (body as ApiErrorBody).error };
  };

  beforeAll(async () => {
    serve = await startSuiteServe(suiteHome());
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('names the field of a core check, keeping the message for people', async () => {
    const label = await error('endpoints.create', { label: '!!' });
    expect(label).toEqual({
      status: 400,
      error: {
        code: 'invalid',
        message: expect.stringMatching(/^Invalid label "!!": use 1–64/),
        field: 'label',
      },
    });
    expect((await call('endpoints.create', { label: 'taken' })).status).toBe(200);
    expect(await error('endpoints.create', { label: 'taken' })).toEqual({
      status: 409,
      error: { code: 'conflict', message: 'An endpoint labelled "taken" already exists', field: 'label' },
    });
    const forward = await error('endpoints.create', { label: 'fwd', forwardUrl: 'not a url' });
    expect(forward.error).toMatchObject({ code: 'invalid', field: 'forwardUrl' });
    expect(forward.error.message).toContain('Invalid URL "not a url"');
    const provider = await error('endpoints.create', { label: 'prov', provider: 'acme' });
    expect(provider.error).toMatchObject({ field: 'provider' });
  });

  it('names the fields of an update as endpoints.create does (label, not patch.label)', async () => {
    const created = (await call('endpoints.create', { label: 'edited' })).body as {
      endpoint: { id: string };
    };
    const id = created.endpoint.id;
    const tolerance = await error('endpoints.update', { id, patch: { verify: { toleranceSeconds: 0 } } });
    expect(tolerance.error).toEqual({
      code: 'invalid',
      message: 'Tolerance must be between 1 second and 7 days',
      field: 'verify.toleranceSeconds',
    });
    const publicUrl = await error('endpoints.update', { id, patch: { verify: { publicUrl: 'ftp://x' } } });
    expect(publicUrl.error).toMatchObject({ field: 'verify.publicUrl' });
    const header = await error('endpoints.update', {
      id,
      patch: { verify: { generic: { header: 'X Acme', algorithm: 'sha256', encoding: 'hex', prefix: '' } } },
    });
    expect(header.error).toEqual({
      code: 'invalid',
      message: 'Invalid generic HMAC settings: verify.generic.header must be an HTTP header name',
      field: 'verify.generic.header',
      issues: [{ field: 'verify.generic.header', message: 'must be an HTTP header name' }],
    });
    const typed = await error('endpoints.update', { id, patch: { label: 5 } });
    expect(typed.error).toEqual({
      code: 'invalid',
      message: 'Invalid params for endpoints.update: label must be a string',
      field: 'label',
      issues: [{ field: 'label', message: 'must be a string' }],
    });
  });

  it('lists every failed param check as an issue with a dotted path, not zod’s pretty print', async () => {
    const bad = await error('endpoints.create', {
      label: '',
      nonsense: true,
      response: { status: 99, headers: [['', 'v']], body: '', delayMs: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.error.field).toBeUndefined();
    expect(bad.error.issues).toEqual(
      expect.arrayContaining([
        { field: 'label', message: 'must not be empty' },
        { field: 'response.status', message: 'must be at least 100' },
        { field: 'response.headers.0.0', message: 'must not be empty' },
        { field: 'nonsense', message: 'is not a known field' },
      ]),
    );
    expect(bad.error.issues).toHaveLength(4);
    expect(bad.error.message).toMatch(
      /^Invalid params for endpoints\.create: .*response\.status must be at least 100/,
    );
    expect(bad.error.message).not.toContain('✖');
    const missing = await error('events.get', {});
    expect(missing.error).toMatchObject({ field: 'id', issues: [{ field: 'id', message: 'is required' }] });
  });

  it('names the replay edit or target at fault', async () => {
    const created = (await call('endpoints.create', { label: 'replayed' })).body as {
      endpoint: { id: string; urls: { url: string } };
    };
    expect((await fetch(created.endpoint.urls.url, { method: 'POST', body: '{}' })).status).toBe(200);
    const listed = (await call('events.list', { endpointIds: [created.endpoint.id] })).body as {
      events: { id: string }[];
    };
    const id = listed.events[0]?.id;
    const edits = await error('events.replay', {
      id,
      targetUrl: 'http://127.0.0.1:9/',
      edits: { headers: [['Bad Name', 'v']] },
    });
    expect(edits.error).toMatchObject({
      code: 'invalid',
      field: 'edits.headers.0.0',
      issues: [{ field: 'edits.headers.0.0', message: 'must be an HTTP token (letters, digits, -)' }],
    });
    const target = await error('events.replay', { id, targetUrl: 'ftp://example.com/' });
    expect(target.error).toMatchObject({ code: 'invalid', field: 'targetUrl' });
    expect(target.error.message).toContain('Invalid target URL "ftp://example.com/"');
  });

  it('sends only code and message when no field is at fault', async () => {
    const missing = await error('events.get', { id: 'evt_nope' });
    expect(missing).toEqual({
      status: 404,
      error: { code: 'not_found', message: expect.stringContaining('evt_nope') },
    });
  });
});
