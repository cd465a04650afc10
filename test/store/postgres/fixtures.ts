import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RelayStore } from '../../../electron/core/relay-ports';
import { openPostgresRelayStore } from '../../../electron/store/postgres';
import { type TestPostgres, startPostgres } from '../../helpers/postgres';

/** Fresh databases on one PostgreSQL server, and stores on them (each its own pool, as separate relay processes have). */
export interface PostgresDatabases {
  newDatabase(): Promise<string>;
  /** `count` stores on one database, closed after each test. */
  stores(url: string, count: number): Promise<RelayStore[]>;
}

/** One PostgreSQL server for the calling test file; stores opened through it are closed after each test. */
export function usePostgresDatabases(): PostgresDatabases {
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
  return {
    newDatabase: () => {
      if (!server) throw new Error('PostgreSQL is not running');
      return server.newDatabase();
    },
    stores: async (url, count) => {
      const made = await Promise.all(Array.from({ length: count }, () => openPostgresRelayStore(url)));
      open.push(...made);
      return made;
    },
  };
}

/** An opener of stores, each on a fresh database of the file's PostgreSQL server, closed after each test. */
export function usePostgresStores(): () => Promise<RelayStore> {
  const databases = usePostgresDatabases();
  return async () => {
    const [store] = await databases.stores(await databases.newDatabase(), 1);
    if (!store) throw new Error('no store opened');
    return store;
  };
}
