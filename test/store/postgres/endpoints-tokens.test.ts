import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { endpointRow } from '../../helpers/endpoint-row';
import { newEvent } from '../../helpers/new-event';
import { usePostgresStores } from './fixtures';

const freshStore = usePostgresStores();

describe('PostgreSQL relay store: endpoints and tokens', () => {
  it('keeps endpoints with secrets, refuses a taken id or label, and puts each change on the feed without secrets', async () => {
    const store = await freshStore();
    const row = endpointRow('Stripe-Dev', {
      secrets: ['whsec_1'],
      provider: 'stripe',
      response: { status: 201, headers: [['x-a', '1']], body: 'ok', delayMs: 0 },
    });
    await store.createEndpoint(row);
    await expect(store.createEndpoint(endpointRow('stripe-dev'))).rejects.toMatchObject({
      code: 'conflict',
      field: 'label',
    });
    await expect(store.createEndpoint({ ...endpointRow('other'), id: row.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(store.updateEndpoint('no-such-id', { paused: true })).rejects.toMatchObject({
      code: 'not_found',
    });
    await store.createEndpoint(endpointRow('taken'));
    await expect(store.updateEndpoint(row.id, { label: 'TAKEN' })).rejects.toMatchObject({
      code: 'conflict',
      field: 'label',
    });
    await store.updateEndpoint(row.id, { paused: true, secrets: ['whsec_1', 'whsec_2'] });
    const got = await store.getEndpoint(row.id);
    expect(got).toMatchObject({
      label: 'Stripe-Dev',
      paused: true,
      secrets: ['whsec_1', 'whsec_2'],
      secretCount: 2,
    });
    expect(got?.response).toEqual(row.response);
    expect((await store.listEndpoints()).map((e) => e.label)).toEqual(['Stripe-Dev', 'taken']);
    await store.commit([newEvent(row.id, '{}'), newEvent(row.id, '{}')]);
    expect(await store.deleteEndpoint(row.id, true)).toBe(2);
    expect(await store.getEndpoint(row.id)).toBeNull();
    const items = (await store.feed(0, 1_000, 1 << 30)).items;
    // The purged events' items went with them; the endpoint's items remain, the last one a deletion.
    expect(items.map((i) => i.kind)).toEqual(Array(4).fill('endpoint.changed'));
    expect(JSON.stringify(items)).not.toContain('whsec_');
    const last = items.at(-1);
    expect(last?.kind === 'endpoint.changed' && last.endpoint).toBeNull();
  });

  it('stores tokens as hashes: use marks them, revoke by id or name ends them, live names are unique', async () => {
    const store = await freshStore();
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    await store.createToken({
      id: 'tok_1',
      name: 'alice',
      readOnly: false,
      hash: hash('secret-a'),
      createdAt: 1,
    });
    await store.createToken({
      id: 'tok_2',
      name: 'ci',
      readOnly: true,
      hash: hash('secret-b'),
      createdAt: 2,
    });
    await expect(
      store.createToken({ id: 'tok_3', name: 'alice', readOnly: false, hash: hash('x'), createdAt: 3 }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.useToken(hash('secret-a'), 50)).toMatchObject({
      name: 'alice',
      readOnly: false,
      lastUsedAt: 50,
    });
    expect(await store.useToken(hash('nope'), 50)).toBeNull();
    expect(await store.revokeToken('ci', 60)).toBe(true);
    expect(await store.revokeToken('tok_2', 61)).toBe(false);
    expect(await store.useToken(hash('secret-b'), 70)).toBeNull();
    const list = await store.listTokens();
    expect(list.map((t) => [t.name, t.revokedAt])).toEqual([
      ['alice', null],
      ['ci', 60],
    ]);
    expect(JSON.stringify(list)).not.toContain(hash('secret-a'));
    // A revoked name may be used again.
    await store.createToken({
      id: 'tok_4',
      name: 'ci',
      readOnly: true,
      hash: hash('secret-c'),
      createdAt: 4,
    });
  });
});
