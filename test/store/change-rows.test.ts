import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../electron/store/store';
import type { Change } from '../../shared/changes';
import { endpointRow } from '../helpers/endpoint-row';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

// A batch's `event.created` rows are written with multi-row inserts; the changes the commit hands
// to this process's listeners must be exactly what the log holds for other processes, in order.

const endpoint = endpointRow('changes');

describe('change rows of a committed batch', () => {
  it.each([1, 7, 8, 33, 35, 256])(
    'announces %i event.created changes with the ids the log holds',
    async (n) => {
      const store = new SqliteStore(tempHome());
      store.endpoints.create(endpoint);
      const before = store.changes.latest();
      const heard: Change[] = [];
      store.changes.onCommit((written) => heard.push(...written));
      const batch = Array.from({ length: n }, (_, i) => newEvent(endpoint.id, `{"i":${i}}`));
      await store.events.commit(batch);

      const logged = store.changes.since(before, 1_000);
      expect(logged).toEqual(heard);
      expect(logged.map((c) => [c.kind, c.ref, c.endpointId])).toEqual(
        batch.map((e) => ['event.created', e.id, endpoint.id]),
      );
      expect(logged.map((c) => c.id)).toEqual(Array.from({ length: n }, (_, i) => before + 1 + i));
      store.maintenance.close();
    },
  );
});
