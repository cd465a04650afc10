import type Database from 'better-sqlite3';

/** The distinct provider event types stored, alphabetically, at most `limit` (more: there were others). */
export interface EventTypeList {
  types: string[];
  more: boolean;
}

/**
 * Distinct event types, by hopping along the `events_by_type` index: each step is one seek to the
 * next type (`min(...) WHERE type > previous`), so the cost grows with the number of types, not of
 * events — a GROUP BY would walk every row of a 1M-event inbox.
 */
export function eventTypeLister(db: Database.Database): (limit: number) => EventTypeList {
  const stmt = db.prepare<[number], { t: string }>(`
    WITH RECURSIVE hop(t) AS (
      SELECT min(provider_event_type) FROM events WHERE provider_event_type IS NOT NULL
      UNION ALL
      SELECT (SELECT min(provider_event_type) FROM events WHERE provider_event_type > hop.t)
      FROM hop WHERE hop.t IS NOT NULL
    )
    SELECT t FROM hop WHERE t IS NOT NULL LIMIT ?`);
  return (limit) => {
    const types = stmt.all(limit + 1).map((r) => r.t);
    return { types: types.slice(0, limit), more: types.length > limit };
  };
}
