/**
 * Advisory lock keys (two-int form: "HL" and a number), so relay processes on one database agree on
 * them without a table. The two-int key space is apart from the one-bigint space used for provider ids.
 */
const NAMESPACE = 0x484c;

/** Held (session-scoped) while migrating, so relays that start at once migrate one after another. */
export const MIGRATION_LOCK = `${NAMESPACE}, 0`;
/**
 * Held (transaction-scoped) by a feed stamp from handing out positions to its COMMIT, so positions
 * become visible in order (feed-stamp.ts). Relays before schema 5 took it in every writing
 * transaction; the same key keeps one of those, still running during an upgrade, in step.
 */
export const FEED_LOCK = `${NAMESPACE}, 1`;
/** Tried (transaction-scoped) by retention: one relay trims, the others skip. */
export const RETENTION_LOCK = `${NAMESPACE}, 2`;

/** The channel a stamp NOTIFYs on when it positioned feed rows (a doorbell; the feed is the truth). */
export const CHANGE_CHANNEL = 'hookline_relay_feed';
