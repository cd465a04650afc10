import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { InboxError } from '../core/errors';
import { isTrusted } from '../core/trust';
import { type FilterArgs, resolveFilters } from './agent-filters';
import { type AckStateFilter, listForAgent, parseCursor } from './agent-query';
import { type Budget, type Fittable, type Fitted, PAGE_RESERVE, budgetSchema, fitEvents } from './budget';
import { type ToolContext, endpointLabels, viewer } from './context';
import { type Envelope, envelope, eventItemSchema } from './envelope';
import { jsonInt } from './lean-schema';
import { UNTRUSTED_NOTICE } from './results';

/** Output fields of poll_events (and wait_for_events). */
export const pageOutputShape = {
  events: z.array(eventItemSchema).describe('Oldest first'),
  cursor: z.string().nullable().describe('Pass back to continue'),
  has_more: z.boolean(),
  pending_count: jsonInt(),
  quarantined: jsonInt(),
  budget: budgetSchema,
};

/** The arguments as parsed by the tool's input schema (see schemas.ts `pollShape`). */
export interface PageArgs extends FilterArgs {
  status: AckStateFilter;
  cursor?: string | null;
  limit: number;
  detail: 'summary' | 'full';
  max_body_bytes: number;
  include_untrusted: boolean;
  max_chars: number;
  claim_for_s?: number;
}

/** One page of events. */
export interface Page {
  events: Envelope[];
  cursor: string | null;
  has_more: boolean;
  pending_count: number;
  quarantined: number;
  budget: Budget;
}

/** A page and the resource links to the events it outlined (sent as resource_link content). */
export interface PageRead {
  page: Page;
  links: ResourceLink[];
}

/** Reads pages for fixed filters; `endpointIds` says which endpoints' changes matter (all when null). */
export interface PageReader {
  read(): Promise<PageRead>;
  endpointIds: Set<string> | null;
}

/**
 * Takes the claims on a fitted page: events another process (or, through the relay a desktop
 * mirrors, another desktop) claimed first are dropped (the page then says has_more), and the claims
 * shown carry the time they lapse.
 */
async function claimPage(
  ctx: ToolContext,
  fitted: Fitted,
  seconds: number,
): Promise<{ fitted: Fitted; lost: boolean }> {
  const ids = fitted.events.map((e) => e.event_id);
  const holder = { by: ctx.actor(), session: ctx.session };
  const events = fitted.events.map((e) => ({ id: e.event_id, endpointId: e.endpoint_id }));
  const { taken, until } = await ctx.inbox.claims.takeShared(events, holder, seconds);
  const won = new Set(ids.filter((_, i) => taken[i]));
  const lapses = new Date(until).toISOString();
  const kept = fitted.events.filter((e) => won.has(e.event_id));
  for (const e of kept) if (e.claim) e.claim.until = lapses;
  const links = fitted.links.filter((l) => won.has(l.name));
  const budget = { ...fitted.budget, outlined: fitted.budget.outlined.filter((id) => won.has(id)) };
  return { fitted: { events: kept, links, budget }, lost: won.size < ids.length };
}

/** How many times a claiming read that lost every event to other agents reads again. */
const CLAIM_ATTEMPTS = 5;

/** Validates the filters once (endpoints, cursor, times) so waiting re-runs only the query. */
export function pageReader(ctx: ToolContext, args: PageArgs): PageReader {
  const filters = resolveFilters(ctx.inbox, args);
  const cursor = parseCursor(args.cursor);
  const claimFor = args.claim_for_s;
  if (claimFor !== undefined && args.status !== 'pending') {
    throw new InboxError(
      'invalid',
      'claim_for_s: only pending events can be claimed; leave status "pending"',
      {
        field: 'claim_for_s',
      },
    );
  }
  const readOnce = async (): Promise<PageRead & { lost: boolean }> => {
    const at = viewer(ctx);
    const page = listForAgent(ctx.inbox, {
      ...filters,
      status: args.status,
      cursor,
      limit: args.limit,
      order: 'asc',
      includeUntrusted: args.include_untrusted,
      claimableAt: claimFor === undefined ? undefined : at.now,
    });
    const endpoints = filters.endpoints ?? ctx.inbox.listEndpoints();
    const labels = endpointLabels(ctx);
    // A claiming read shows the claim it is about to take, so the budget counts it.
    const intended =
      claimFor === undefined
        ? null
        : { by: ctx.actor(), session: ctx.session, until: at.now + claimFor * 1000 };
    const items = page.events.map((listed): Fittable => {
      const summary = intended ? { ...listed, claim: intended } : listed;
      const ep = labels.get(summary.endpointId) ?? null;
      const trusted = isTrusted(summary, ep);
      const contentType = summary.contentType;
      if (args.detail === 'summary')
        return { envelope: envelope(summary, ep?.label ?? null, trusted, { viewer: at }), contentType };
      // A whole event may have been purged between the list and this read: fall back to its summary.
      const found = ctx.inbox.findEvent(summary.id);
      const stored = found && intended ? { ...found, claim: intended } : found;
      const wrapped = envelope(stored ?? summary, ep?.label ?? null, trusted, {
        headers: true,
        bodyBytes: args.max_body_bytes,
        viewer: at,
      });
      return { envelope: wrapped, body: stored?.body, contentType };
    });
    const room = args.max_chars - UNTRUSTED_NOTICE.length - PAGE_RESERVE;
    let fitted = fitEvents(items, room, args.max_chars);
    let lost = false;
    if (claimFor !== undefined) ({ fitted, lost } = await claimPage(ctx, fitted, claimFor));
    const last = fitted.events.at(-1);
    const tally = ctx.counts.total(endpoints);
    return {
      page: {
        events: fitted.events,
        cursor: last ? String(last.seq) : cursor !== undefined ? String(cursor) : null,
        has_more: page.hasMore || fitted.budget.shortened || lost,
        pending_count: tally.pending,
        quarantined: tally.quarantined,
        budget: fitted.budget,
      },
      links: fitted.links,
      lost,
    };
  };
  // Another agent can win every event this read meant to claim; rather than hand back an empty page
  // while work is waiting, read again (the events it won are no longer candidates).
  const read = async (): Promise<PageRead> => {
    for (let attempt = 1; ; attempt++) {
      const { lost, ...got } = await readOnce();
      if (!lost || got.page.events.length > 0 || attempt === CLAIM_ATTEMPTS) return got;
    }
  };
  const ids = filters.endpoints ? new Set(filters.endpoints.map((e) => e.id)) : null;
  return { read, endpointIds: ids };
}
