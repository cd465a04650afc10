/**
 * Issue 12.18: every distinct filter shape (lists of endpoints, methods and verdicts of any length)
 * was prepared and kept for ever; 6,000 shapes via `events.count` added 210 MiB. The cache is an LRU.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { EventRepo } from '../../electron/store/event-repo';
import { EventSearch } from '../../electron/store/event-search';
import { SearchIndexer } from '../../electron/store/search-index';
import { STATEMENT_CACHE_SIZE } from '../../electron/store/statement-cache';
import { tempHome } from '../helpers/temp-home';

describe('prepared-statement cache', () => {
  it('stays bounded across 6,000 distinct filter shapes, and answers every one correctly', () => {
    const db = openDatabase(tempHome());
    const events = new EventRepo(db, new EventSearch(db, new SearchIndexer(db, 1 << 20), 1 << 20));
    try {
      let shapes = 0;
      for (let endpoints = 1; endpoints <= 200; endpoints++) {
        for (let methods = 1; methods <= 30; methods++) {
          const query = {
            endpointIds: Array.from({ length: endpoints }, (_, i) => `ep${i}`),
            methods: Array.from({ length: methods }, (_, i) => `M${i}`),
          };
          expect(events.count(query, 1000)).toEqual({ count: 0, capped: false });
          if (shapes % 2 === 0) events.list({ ...query, limit: 1 });
          shapes++;
        }
      }
      expect(shapes).toBe(6_000);
      expect(events.cachedStatementCount).toBeLessThanOrEqual(2 * STATEMENT_CACHE_SIZE);
      expect(events.cachedStatementCount).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
