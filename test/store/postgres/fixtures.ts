import { afterAll, afterEach, beforeAll } from 'vitest';
import { newEndpointId } from '../../../electron/core/ids';
import type { NewEndpointRow } from '../../../electron/core/port-records';
import type { RelayStore } from '../../../electron/core/relay-ports';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';

/** An endpoint row as the facade would hand it to the store. */
export function endpointRow(label: string, extra: Partial<NewEndpointRow> = {}): NewEndpointRow {
  return {
    id: newEndpointId(),
    label,
    provider: 'auto',
    secrets: [],
    rejectInvalid: false,
    forwardUrl: null,
    response: null,
    verify: { toleranceSeconds: 300 },
    createdAt: Date.now(),
    createdBy: 'cli',
    ...extra,
  };
}

/**
 * One PostgreSQL server for the calling test file; returns an opener of stores, each on a fresh
 * database, closed after each test.
 */
export function usePostgresStores(): () => Promise<RelayStore> {
  let server: TestPostgres | undefined;
  const open: RelayStore[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  return async () => {
    if (!server) throw new Error('PostgreSQL is not running');
    const store = await openPostgresRelayStore(await server.newDatabase());
    open.push(store);
    return store;
  };
}
