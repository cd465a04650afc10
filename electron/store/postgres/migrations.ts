import type pg from 'pg';
import { STAMP_FUNCTION } from './feed-stamp';
import { MIGRATION_LOCK } from './locks';

/**
 * The relay's schema on PostgreSQL, append-only: each entry runs once, in its own transaction, and
 * is recorded in `hookline_schema`. Tables keep the data model's names (`endpoints`, `events`).
 */
const MIGRATIONS: string[] = [
  // 1: endpoints, events (raw body bytes, headers as an ordered JSON list), the relay feed, tokens.
  `CREATE TABLE endpoints (
     id text PRIMARY KEY,
     label text NOT NULL,
     provider text NOT NULL,
     secrets json NOT NULL,
     reject_invalid boolean NOT NULL DEFAULT false,
     forward_url text,
     response json,
     verify json NOT NULL,
     created_at bigint NOT NULL,
     created_by text NOT NULL,
     paused boolean NOT NULL DEFAULT false,
     archived boolean NOT NULL DEFAULT false
   );
   CREATE UNIQUE INDEX endpoints_label_key ON endpoints (lower(label));

   CREATE TABLE events (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text NOT NULL UNIQUE,
     endpoint_id text NOT NULL,
     received_at bigint NOT NULL,
     method text NOT NULL,
     path text NOT NULL,
     query text NOT NULL,
     headers json NOT NULL,
     body bytea NOT NULL,
     body_size integer NOT NULL,
     truncated boolean NOT NULL,
     content_type text,
     remote_addr text,
     provider text,
     provider_event_id text,
     provider_event_type text,
     provider_event_source text,
     duplicate_of text,
     handshake text,
     verification_status text NOT NULL,
     verification json NOT NULL,
     response_status integer NOT NULL,
     acked_at bigint,
     acked_by text,
     ack_outcome text,
     note text,
     imported_from text,
     forward_stage text,
     forward_attempts integer NOT NULL DEFAULT 0,
     forward_next_at bigint,
     forward_reason text
   );
   CREATE INDEX events_endpoint_seq ON events (endpoint_id, seq);
   CREATE INDEX events_provider_event ON events (endpoint_id, provider_event_id, seq)
     WHERE provider_event_id IS NOT NULL;

   -- The relay feed: ids are handed out under FEED_LOCK only. CACHE 1 matters: a session caching a
   -- range of ids would hand them out out of order with the other sessions.
   CREATE SEQUENCE relay_feed_id_seq CACHE 1;
   CREATE TABLE relay_feed (
     id bigint PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('event.created', 'event.updated', 'endpoint.changed')),
     at bigint NOT NULL,
     event_id text REFERENCES events (id) ON DELETE CASCADE,
     endpoint_id text
   );
   CREATE INDEX relay_feed_event ON relay_feed (event_id);

   CREATE TABLE relay_tokens (
     id text PRIMARY KEY,
     name text NOT NULL,
     read_only boolean NOT NULL,
     hash text NOT NULL UNIQUE,
     created_at bigint NOT NULL,
     revoked_at bigint,
     last_used_at bigint
   );
   CREATE UNIQUE INDEX relay_tokens_live_name ON relay_tokens (name) WHERE revoked_at IS NULL;`,
  // 2: endpoints that expire (410 Gone) and an event-type filter, as on SQLite (issue 13).
  `ALTER TABLE endpoints ADD COLUMN expires_at bigint;
   ALTER TABLE endpoints ADD COLUMN event_types json;`,
  // 3: replays desktops made, recorded for their teammates (issue 16); they go with their events.
  `CREATE TABLE relay_deliveries (
     id bigserial PRIMARY KEY,
     event_id text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
     recorded_by text NOT NULL,
     target_url text NOT NULL,
     started_at bigint NOT NULL,
     duration_ms bigint,
     request_method text NOT NULL,
     request_headers json NOT NULL,
     request_body bytea NOT NULL,
     request_truncated boolean NOT NULL,
     response_status integer,
     response_headers json,
     response_body bytea,
     response_truncated boolean NOT NULL,
     error text,
     recorded_at bigint NOT NULL
   );
   CREATE INDEX relay_deliveries_event ON relay_deliveries (event_id);
   ALTER TABLE relay_feed ADD COLUMN delivery_id bigint REFERENCES relay_deliveries (id) ON DELETE CASCADE;
   ALTER TABLE relay_feed DROP CONSTRAINT relay_feed_kind_check;
   ALTER TABLE relay_feed ADD CONSTRAINT relay_feed_kind_check
     CHECK (kind IN ('event.created', 'event.updated', 'endpoint.changed', 'delivery.recorded'));`,
  // 4: claims across desktops (issue 16): a visibility timeout the relay decides, as on SQLite.
  `ALTER TABLE events ADD COLUMN claimed_by text;
   ALTER TABLE events ADD COLUMN claim_session text;
   ALTER TABLE events ADD COLUMN claim_until bigint;`,
  // 5: feed rows are written without a position and stamped after they commit (feed-stamp.ts), so
  // writing transactions of several relays no longer queue on one lock. \`id\` stays the position
  // readers page by (rows already in the feed keep theirs); \`entry\` orders rows awaiting a stamp.
  `ALTER TABLE relay_feed DROP CONSTRAINT relay_feed_pkey;
   ALTER TABLE relay_feed ALTER COLUMN id DROP NOT NULL;
   ALTER TABLE relay_feed ADD COLUMN entry bigint GENERATED ALWAYS AS IDENTITY;
   ALTER TABLE relay_feed ADD CONSTRAINT relay_feed_pkey PRIMARY KEY (entry);
   CREATE UNIQUE INDEX relay_feed_position ON relay_feed (id);
   CREATE INDEX relay_feed_unstamped ON relay_feed (entry) WHERE id IS NULL;
   ${STAMP_FUNCTION}`,
  // 6: the relay forwards (issue 16). Relays claim due forwards with FOR UPDATE SKIP LOCKED and
  // hold a lease while sending: a relay killed mid-send leaves it to lapse, and another takes the
  // attempt again. Its attempts join the delivery log, fed to desktops like replays.
  `ALTER TABLE events ADD COLUMN forward_lease text;
   ALTER TABLE events ADD COLUMN forward_lease_until bigint;
   CREATE INDEX events_forward_open ON events (seq) WHERE forward_stage IN ('pending', 'delivering', 'retrying');
   ALTER TABLE relay_deliveries ADD COLUMN kind text NOT NULL DEFAULT 'replay' CHECK (kind IN ('replay', 'forward'));
   ALTER TABLE relay_deliveries ADD COLUMN attempt integer NOT NULL DEFAULT 1;`,
  // 7: a claim picks each endpoint's oldest due forwards (at most a few in flight per endpoint), so
  // open forwards are indexed by endpoint: an endpoint's delivered history is never walked.
  `DROP INDEX events_forward_open;
   CREATE INDEX events_forward_open ON events (endpoint_id, seq) WHERE forward_stage IN ('pending', 'delivering', 'retrying');`,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to SCHEMA_VERSION (or to `target`, for tests of upgrades). Several relay
 * processes may start at once: each takes the migration lock first, so one migrates while the
 * others wait and then find nothing to do.
 */
export async function migrate(pool: pg.Pool, target = SCHEMA_VERSION): Promise<void> {
  // Errors go out as they came: the caller words them for start-up (which URL, what to check).
  const client = await pool.connect();
  client.on('error', () => {});
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS hookline_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM hookline_schema',
    );
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `The relay database is at schema ${current}, newer than this Hookline (${SCHEMA_VERSION}); upgrade Hookline`,
      );
    }
    for (let version = current + 1; version <= target; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version - 1] ?? '');
        await client.query('INSERT INTO hookline_schema (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
    await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    client.release();
  } catch (error) {
    // Ending the session releases the migration lock even when the unlock could not be sent.
    client.release(true);
    throw error;
  }
}
