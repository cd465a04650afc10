import type { Endpoint, EventSummary } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { TRUSTED_WITHOUT_SECRET, TRUSTED_WITH_SECRET } from '../core/trust';

/** What an agent asks for; endpoints already resolved. */
export interface AgentQuery {
  /** Endpoints to read (all registered ones when undefined). */
  endpoint?: Endpoint;
  status: 'pending' | 'acked' | 'all';
  cursor?: number;
  limit: number;
  order: 'asc' | 'desc';
  includeUntrusted: boolean;
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

/**
 * Lists events for an agent. By default only trusted events are returned; the rule differs per
 * endpoint (secret or not), so endpoints are read in two groups and merged by seq — each group is
 * one indexed query, which keeps a page cheap however large the inbox.
 */
export function listForAgent(inbox: Inbox, q: AgentQuery): AgentPage {
  const base = {
    order: q.order,
    cursor: q.cursor,
    limit: q.limit + 1,
    acked: q.status === 'all' ? undefined : q.status === 'acked',
    // Events outside an endpoint's event-type filter are stored (nothing is lost) but not handed over.
    outsideFilter: q.includeOutsideFilter ? undefined : false,
  };
  let rows: EventSummary[];
  if (q.includeUntrusted) {
    rows = inbox.listEvents({ ...base, endpointIds: q.endpoint ? [q.endpoint.id] : undefined });
  } else {
    const endpoints = q.endpoint ? [q.endpoint] : inbox.listEndpoints();
    const withSecret = endpoints.filter((e) => e.secretCount > 0).map((e) => e.id);
    const without = endpoints.filter((e) => e.secretCount === 0).map((e) => e.id);
    const a = withSecret.length
      ? inbox.listEvents({ ...base, endpointIds: withSecret, verification: TRUSTED_WITH_SECRET })
      : [];
    const b = without.length
      ? inbox.listEvents({ ...base, endpointIds: without, verification: TRUSTED_WITHOUT_SECRET })
      : [];
    const dir = q.order === 'asc' ? 1 : -1;
    rows = a.length === 0 ? b : b.length === 0 ? a : [...a, ...b].sort((x, y) => dir * (x.seq - y.seq));
  }
  return { events: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
