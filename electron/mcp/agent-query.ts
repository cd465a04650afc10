import type { Endpoint, EventSummary } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import type { EventQuery } from '../core/ports';
import { TRUSTED_WITHOUT_SECRET, TRUSTED_WITH_SECRET } from '../core/trust';
import type { AgentFilters } from './agent-filters';

/** Which events by ack state: failed ones (acked as failed) are the dead letter, apart from acked. */
export type AckStateFilter = 'pending' | 'acked' | 'failed' | 'all';

/** What an agent asks for; filters already checked and resolved. */
export interface AgentQuery extends AgentFilters {
  status: AckStateFilter;
  cursor?: number;
  limit: number;
  order: 'asc' | 'desc';
  includeUntrusted: boolean;
  /** Claiming reads skip events claimed (by anyone: this session has them already) until then. */
  claimableAt?: number;
  /** Also events outside their endpoint's event-type filter (set when the agent names types itself). */
  includeOutsideFilter?: boolean;
}

/** A page of events. */
export interface AgentPage {
  events: EventSummary[];
  hasMore: boolean;
}

/** The endpoint by id or label, with an error that tells the model how to find valid ones. */
export function resolveEndpoint(inbox: Inbox, ref: string): Endpoint {
  try {
    return inbox.getEndpoint(ref);
  } catch (error) {
    if (error instanceof InboxError && error.code === 'not_found') {
      throw new InboxError(
        'not_found',
        `Endpoint "${ref}" not found. Call list_webhooks to see registered endpoints, or register_webhook to create one.`,
      );
    }
    throw error;
  }
}

/** Parses a cursor string (a seq) or throws a clear error. */
export function parseCursor(cursor: string | null | undefined): number | undefined {
  // null is what an empty first page returns: passing it back means "from the start".
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new InboxError(
      'invalid',
      `Invalid cursor "${cursor}": pass the cursor string a previous call returned, or omit it`,
    );
  }
  return Number(cursor);
}

/** The ack-state part of a query. */
export function ackStateQuery(status: AckStateFilter): Pick<EventQuery, 'acked' | 'failed'> {
  if (status === 'pending') return { acked: false };
  if (status === 'acked') return { acked: true, failed: false };
  if (status === 'failed') return { failed: true };
  return {};
}

/**
 * The queries that answer an agent's filters. By default only trusted events are returned; the
 * rule differs per endpoint (secret or not), so endpoints are read in two groups — each group one
 * indexed query, which keeps a page cheap however large the inbox. Asking for verdicts (or for
 * untrusted events) is one query over every endpoint asked for.
 */
export function agentQueries(
  inbox: Inbox,
  q: AgentFilters & { includeUntrusted: boolean },
  base: EventQuery,
): EventQuery[] {
  const shared: EventQuery = {
    ...base,
    typeGlobs: q.typeGlobs,
    since: q.since,
    until: q.until,
  };
  if (q.includeUntrusted || q.verdicts) {
    return [{ ...shared, endpointIds: q.endpoints?.map((e) => e.id), verification: q.verdicts }];
  }
  const endpoints = q.endpoints ?? inbox.listEndpoints();
  const withSecret = endpoints.filter((e) => e.secretCount > 0).map((e) => e.id);
  const without = endpoints.filter((e) => e.secretCount === 0).map((e) => e.id);
  return [
    ...(withSecret.length ? [{ ...shared, endpointIds: withSecret, verification: TRUSTED_WITH_SECRET }] : []),
    ...(without.length ? [{ ...shared, endpointIds: without, verification: TRUSTED_WITHOUT_SECRET }] : []),
  ];
}

/** Lists events for an agent, merged by seq across the trust groups (see {@link agentQueries}). */
export function listForAgent(inbox: Inbox, q: AgentQuery): AgentPage {
  const base: EventQuery = {
    order: q.order,
    cursor: q.cursor,
    limit: q.limit + 1,
    ...ackStateQuery(q.status),
    claimableAt: q.claimableAt,
    // Events outside an endpoint's event-type filter are stored (nothing is lost) but not handed
    // over — unless the agent names the types it wants itself.
    outsideFilter: q.includeOutsideFilter || q.typeGlobs ? undefined : false,
  };
  const pages = agentQueries(inbox, q, base).map((query) => inbox.listEvents(query));
  const dir = q.order === 'asc' ? 1 : -1;
  const rows = pages.length === 1 ? (pages[0] ?? []) : pages.flat().sort((x, y) => dir * (x.seq - y.seq));
  return { events: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
