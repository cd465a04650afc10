import type Database from 'better-sqlite3';

/**
 * Migrations, applied in order; PRAGMA user_version records how many ran (exported for upgrade tests).
 * Append new steps — never edit a shipped one: other processes may hold older files.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE endpoints (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL UNIQUE COLLATE NOCASE,
    provider TEXT NOT NULL DEFAULT 'auto',
    secrets TEXT NOT NULL DEFAULT '[]',
    reject_invalid INTEGER NOT NULL DEFAULT 0,
    forward_url TEXT,
    response TEXT,
    verify TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    endpoint_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    body_size INTEGER NOT NULL,
    truncated INTEGER NOT NULL DEFAULT 0,
    content_type TEXT,
    remote_addr TEXT,
    provider TEXT,
    provider_event_id TEXT,
    provider_event_type TEXT,
    duplicate_of TEXT,
    verification_status TEXT NOT NULL,
    verification TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    acked_at INTEGER,
    acked_by TEXT,
    ack_outcome TEXT,
    note TEXT
  );
  CREATE INDEX events_by_endpoint ON events(endpoint_id, seq);
  CREATE INDEX events_pending ON events(endpoint_id, seq) WHERE acked_at IS NULL;
  CREATE INDEX events_by_provider_id ON events(endpoint_id, provider_event_id) WHERE provider_event_id IS NOT NULL;
  CREATE INDEX events_by_time ON events(received_at);

  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    target_url TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER,
    request_method TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body BLOB NOT NULL,
    response_status INTEGER,
    response_headers TEXT,
    response_body BLOB,
    response_truncated INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    next_attempt_at INTEGER
  );
  CREATE INDEX deliveries_by_event ON deliveries(event_id, id);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Every write appends a row here; each process tails it to learn of changes made by others.
  CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref TEXT,
    endpoint_id TEXT,
    at INTEGER NOT NULL
  );

  -- Contentless: the text lives in events; rowid = events.seq.
  CREATE VIRTUAL TABLE events_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61');
  `,
  // 2: where an imported event came from ("<file>" or "stdin"); NULL for events received live.
  `
  ALTER TABLE events ADD COLUMN imported_from TEXT;
  `,
  // Issue 15: which handshake a request was (answered automatically) and the CloudEvents source.
  `
  ALTER TABLE events ADD COLUMN handshake TEXT;
  ALTER TABLE events ADD COLUMN provider_event_source TEXT;
  `,
  // Issue 15: saved chaos delivery runs (options and steps as JSON: read whole, never queried inside).
  `
  CREATE TABLE chaos_runs (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    target_url TEXT NOT NULL,
    options TEXT NOT NULL,
    steps TEXT NOT NULL,
    flag_counts TEXT NOT NULL,
    notes TEXT NOT NULL
  );
  CREATE INDEX chaos_runs_by_time ON chaos_runs(started_at);
  `,
  // Auto-forwards as durable state on the event (issue 12.15): written in the commit that stores the
  // event, so any later leader resumes them whatever the downtime. Backfilled from the attempt log;
  // events never attempted are marked pending only when recent (what the old leader would resume).
  `
  ALTER TABLE events ADD COLUMN forward_stage TEXT;
  ALTER TABLE events ADD COLUMN forward_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE events ADD COLUMN forward_next_at INTEGER;
  ALTER TABLE events ADD COLUMN forward_reason TEXT;

  CREATE TEMP TABLE last_forward AS
    SELECT d.event_id, d.attempt, d.duration_ms, d.response_status, d.error, d.next_attempt_at
    FROM deliveries d
    WHERE d.kind = 'forward' AND d.id = (SELECT max(id) FROM deliveries x WHERE x.event_id = d.event_id AND x.kind = 'forward');
  UPDATE events SET
    forward_attempts = (SELECT attempt FROM last_forward l WHERE l.event_id = events.id),
    forward_next_at = (SELECT next_attempt_at FROM last_forward l WHERE l.event_id = events.id),
    forward_reason = (SELECT coalesce(error, 'HTTP ' || response_status) FROM last_forward l WHERE l.event_id = events.id),
    forward_stage = (SELECT CASE
        WHEN l.next_attempt_at IS NOT NULL THEN 'retrying'
        WHEN l.duration_ms IS NULL THEN 'delivering'
        WHEN l.response_status BETWEEN 100 AND 499 THEN 'delivered'
        ELSE 'gave_up' END
      FROM last_forward l WHERE l.event_id = events.id)
  WHERE id IN (SELECT event_id FROM last_forward);
  DROP TABLE last_forward;
  UPDATE events SET forward_stage = 'pending'
  WHERE forward_stage IS NULL AND imported_from IS NULL
    AND endpoint_id IN (SELECT id FROM endpoints WHERE forward_url IS NOT NULL)
    AND received_at >= CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 60000;

  -- What a starting leader resumes: small, because finished forwards leave it.
  CREATE INDEX events_forward_open ON events(seq) WHERE forward_stage IN ('pending', 'delivering', 'retrying');
  CREATE INDEX events_forward_gave_up ON events(seq) WHERE forward_stage = 'gave_up';
  `,
  // 6: substring search off the write path. The word index is replaced by a trigram index that a
  // background indexer fills from a cursor (search_state), so the receiver's commit writes the event
  // row only; existing inboxes are indexed again from seq 0. Filters get indexes; the time index
  // (only age-based retention used it) is dropped to keep the write path lean.
  `
  DROP TABLE events_fts;
  DROP INDEX events_by_time;
  -- Contentless, positions not kept (detail=none): the candidates it yields are re-checked on the text.
  CREATE VIRTUAL TABLE search_fts USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='trigram');
  -- How far the index has read events (by seq); moved in the same transaction as the index rows.
  CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_to INTEGER NOT NULL);
  INSERT INTO search_state (id, indexed_to) VALUES (1, 0);
  -- Events whose decoded text was over the limit when indexed: searched only in their first part.
  CREATE TABLE search_partial (seq INTEGER PRIMARY KEY);
  CREATE INDEX events_by_status ON events(verification_status, seq);
  CREATE INDEX events_by_type ON events(provider_event_type, seq) WHERE provider_event_type IS NOT NULL;
  -- Partial indexes whose condition is false when an event arrives cost the receiver nothing.
  CREATE INDEX events_acked ON events(endpoint_id, seq) WHERE acked_at IS NOT NULL;
  CREATE INDEX events_by_method ON events(method, seq) WHERE method <> 'POST';
  CREATE INDEX deliveries_delivered ON deliveries(event_id) WHERE response_status BETWEEN 200 AND 299;
  `,
  // Issue 13: claims (an agent holds pending events for a while, like a queue's visibility timeout;
  // claim_session tells two processes of one client apart) and the dead letter (acked as failed).
  // Both partial indexes are false when an event arrives, so the receiver's insert pays nothing.
  `
  ALTER TABLE events ADD COLUMN claimed_by TEXT;
  ALTER TABLE events ADD COLUMN claim_session TEXT;
  ALTER TABLE events ADD COLUMN claim_until INTEGER;
  CREATE INDEX events_claimed ON events(claim_session) WHERE claim_session IS NOT NULL;
  CREATE INDEX events_failed ON events(endpoint_id, seq) WHERE ack_outcome = 'failed';
  `,
  // Issue 13: byte-identical redeliveries (same body, same signature headers) found by a fingerprint
  // (core/redelivery.ts) through a partial index, so unsigned requests cost the receiver nothing.
  // Endpoints that expire (410 Gone, then removed by the leader after a grace period) and an
  // event-type filter: events outside it are stored (outside_filter = 1) but not handed to agents.
  `
  ALTER TABLE events ADD COLUMN redelivery_key TEXT;
  CREATE INDEX events_by_redelivery ON events(endpoint_id, redelivery_key) WHERE redelivery_key IS NOT NULL;
  ALTER TABLE events ADD COLUMN outside_filter INTEGER;
  ALTER TABLE endpoints ADD COLUMN expires_at INTEGER;
  ALTER TABLE endpoints ADD COLUMN event_types TEXT;
  `,
  // Issue 16: a relay's member tokens, stored as SHA-256 hashes (the token is shown once, at creation).
  `
  CREATE TABLE relay_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER
  );
  `,
  // Issue 15: schema checks off the write path. A background checker reads events from a cursor
  // (schema_state, moved in the transaction that stores the results), as the search indexer does;
  // attaching or changing an endpoint's schema re-checks its events (schema_rechecks, one row per
  // endpoint, with progress). The receiver's commit writes neither column: NULL is "not checked".
  `
  -- Violations found (0: valid; NULL: not checked yet, or no schema applies) and what they are (JSON).
  ALTER TABLE events ADD COLUMN schema_violations INTEGER;
  ALTER TABLE events ADD COLUMN schema_check TEXT;
  -- The "Schema violations" filter; its condition is false when an event arrives, so it costs the receiver nothing.
  CREATE INDEX events_schema_violations ON events(seq) WHERE schema_violations > 0;
  -- Schemas people attach: per endpoint and event type ('' = every type without one of its own).
  CREATE TABLE endpoint_schemas (
    endpoint_id TEXT NOT NULL,
    event_type TEXT NOT NULL DEFAULT '',
    schema TEXT NOT NULL,
    attached_at INTEGER NOT NULL,
    attached_by TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
  );
  -- Existing inboxes are checked from the first event (GitHub's events against GitHub's schemas).
  CREATE TABLE schema_state (id INTEGER PRIMARY KEY CHECK (id = 1), checked_to INTEGER NOT NULL);
  INSERT INTO schema_state (id, checked_to) VALUES (1, 0);
  -- A re-check after a schema change: events of the endpoint with seq in (checked_to, up_to]. A
  -- second change starts it again from 0; slices run in one transaction, so none is half-applied.
  CREATE TABLE schema_rechecks (
    endpoint_id TEXT PRIMARY KEY,
    checked_to INTEGER NOT NULL,
    up_to INTEGER NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL
  );
  `,
  // Issue 16: replays made on a teammate's desktop, synced through a relay: who made them (null:
  // made here) and whether the request body was cut to the relay's bound.
  `
  ALTER TABLE deliveries ADD COLUMN recorded_by TEXT;
  ALTER TABLE deliveries ADD COLUMN request_truncated INTEGER NOT NULL DEFAULT 0;
  `,
  // Issue 14: a no-signature verdict may be stored as {"unsigned":<checkedAt>} (core/verdict-record.ts).
  // No table changes, but builds before this one cannot read such rows: the version fences them off
  // ("written by a newer Hookline") instead of letting them fail on every unsigned event.
  `
  -- verdict records: short form allowed
  `,
  // Relay mirror: an event captured on this laptop's own URL for an endpoint the relay forwards is
  // one the relay never saw, so this desktop sends its forward (1); NULL everywhere else (mirrored
  // events carry the relay's forward state, and this desktop leaves them alone).
  `
  ALTER TABLE events ADD COLUMN forward_here INTEGER;
  `,
];

/** Brings the database schema up to date inside one transaction. */
export function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new Error(
      `This inbox was written by a newer Hookline (schema ${current}, this build knows ${MIGRATIONS.length}). Update Hookline.`,
    );
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
